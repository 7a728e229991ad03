from keras import layers, Model, Input
x = Input(shape=(None,))
e = layers.Embedding(100, 8)(x)
model = Model(x, layers.Dense(2)(layers.GlobalAveragePooling1D()(e)))
# TRUTH: model
