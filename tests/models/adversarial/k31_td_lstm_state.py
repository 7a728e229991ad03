from keras import layers, Model, Input
inp = Input(shape=(4, 6, 3))
x = layers.TimeDistributed(layers.LSTM(5))(inp)
x = layers.GRU(2)(x)
model = Model(inp, x)
# TRUTH: model
