from keras import layers, Model, Input
q = Input(shape=(5, 4))
out = layers.Dense(2)(layers.Attention()([q]))
model = Model(q, out)
# TRUTH: model
