from keras import layers, Sequential, Input
f = layers.LSTM(8, return_sequences=True)
b = layers.LSTM(8, return_sequences=True, go_backwards=True)
model = Sequential([Input(shape=(12, 6)), layers.Bidirectional(f, backward_layer=b, merge_mode="ave"), layers.GRU(4)])
# TRUTH: model
