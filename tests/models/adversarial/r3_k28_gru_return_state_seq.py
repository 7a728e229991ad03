from keras import layers, Model, Input
x = Input(shape=(7, 10))
seq, h = layers.GRU(8, return_sequences=True, return_state=True)(x)
y = layers.Dense(3)(layers.Concatenate()([layers.Flatten()(seq), h]))
model = Model(x, y)
# TRUTH: model
