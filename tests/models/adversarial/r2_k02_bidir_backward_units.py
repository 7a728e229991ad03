from keras import layers, Sequential, Input
fw = layers.LSTM(8, return_sequences=True)
bw = layers.LSTM(16, return_sequences=True, go_backwards=True)
model = Sequential([Input(shape=(5, 4)), layers.Bidirectional(fw, backward_layer=bw), layers.Dense(1)])
# TRUTH: model
