from keras import layers, Model, Input
x = Input(shape=(5, 4))
gru = layers.GRU(6)
a = layers.Bidirectional(gru)(x)
b = layers.Bidirectional(gru)(x)
model = Model(x, layers.Add()([a, b]))
# TRUTH: model
