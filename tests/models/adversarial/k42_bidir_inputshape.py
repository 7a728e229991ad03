from keras import layers, Sequential
model = Sequential([layers.Bidirectional(layers.GRU(5, reset_after=False, return_sequences=True), input_shape=(7, 3)), layers.Bidirectional(layers.SimpleRNN(4), merge_mode="sum")])
# TRUTH: model
