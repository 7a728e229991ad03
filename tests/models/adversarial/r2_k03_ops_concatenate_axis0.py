import keras
from keras import layers, Model, Input
a = Input(shape=(5,))
b = Input(shape=(5,))
c = keras.ops.concatenate([a, b])
out = layers.Dense(3)(c)
model = Model([a, b], out)
# TRUTH: model
