from keras import layers, Model, Input
q = Input(shape=(5, 4))
v = Input(shape=(6, 3))
out = layers.Dense(2)(layers.Attention()([q, v]))
model = Model([q, v], out)
# TRUTH: model
