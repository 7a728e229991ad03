import keras
from keras import layers
model = keras.Sequential([keras.Input((4,)), layers.Dense(8), layers.Dense(2)])
model.layers.pop()
# TRUTH: model
