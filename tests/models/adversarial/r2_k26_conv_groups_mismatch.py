import keras
from keras import layers
x = keras.Input(shape=(5, 3))
m = keras.Model(x, layers.Conv1D(2, 3, groups=2)(x))
# TRUTH: m
