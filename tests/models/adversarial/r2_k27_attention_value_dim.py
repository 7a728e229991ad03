from keras import layers, Model, Input
q = Input(shape=(5, 4))
v = Input(shape=(6, 3))
k = Input(shape=(6, 4))
a = layers.Attention()([q, v, k])
out = layers.Dense(2)(a)
model = Model([q, v, k], out)
# TRUTH: model
