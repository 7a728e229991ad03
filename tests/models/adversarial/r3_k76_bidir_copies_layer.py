from keras import layers, Model, Input
x = Input(shape=(5, 4))
lstm = layers.LSTM(8, return_sequences=True)
a = lstm(x)
b = layers.Bidirectional(lstm)(x)
model = Model(x, layers.Concatenate()([a, b]))
# TRUTH: model
