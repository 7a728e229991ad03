import keras
from keras import layers
i = keras.Input(shape=(5,))
inner = keras.Model(i, layers.Dense(3)(i))
model = keras.Sequential([keras.Input(shape=(5,)), inner, layers.Dense(2)])
# TRUTH: model
