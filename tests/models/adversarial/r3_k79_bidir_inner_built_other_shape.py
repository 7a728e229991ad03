from keras import layers, Model, Input
x = Input(shape=(5, 4))
y = Input(shape=(5, 7))
gru = layers.GRU(6)
a = gru(x)
b = layers.Bidirectional(gru)(y)
model = Model([x, y], layers.Concatenate()([a, b]))
# TRUTH: model
