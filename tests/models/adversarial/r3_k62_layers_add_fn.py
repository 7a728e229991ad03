from keras import layers, Model, Input
a = Input(shape=(5, 4)); b = Input(shape=(5, 4))
c = layers.add([a, b])
model = Model([a, b], layers.GRU(3)(c))
# TRUTH: model
