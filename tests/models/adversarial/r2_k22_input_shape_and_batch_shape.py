import keras
from keras import layers
x = keras.Input((3,), batch_shape=(None, 4))
m = keras.Model(x, layers.Dense(2)(x))
# TRUTH: m
