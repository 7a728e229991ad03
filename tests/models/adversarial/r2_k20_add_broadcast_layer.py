from keras import layers, Model, Input
a = Input(shape=(1,))
b = Input(shape=(5,))
c = layers.Add()([a, b])
out = layers.Dense(3)(c)
model = Model([a, b], out)
# TRUTH: model
