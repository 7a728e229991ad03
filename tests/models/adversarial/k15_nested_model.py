import keras
from keras import layers
inner = keras.Sequential([layers.Dense(8), layers.Dense(4)])
inp = keras.Input(shape=(6,))
y = inner(inp)
z = layers.Dense(2)(y)
model = keras.Model(inp, z)
# TRUTH: model
