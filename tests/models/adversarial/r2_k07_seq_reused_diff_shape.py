from keras import layers, Sequential, Model, Input
enc = Sequential([layers.Conv1D(4, 3), layers.Flatten()])
x1 = Input(shape=(10, 2))
x2 = Input(shape=(30, 2))
out = layers.Dense(1)(layers.Concatenate()([enc(x1), enc(x2)]))
model = Model([x1, x2], out)
# TRUTH: model
