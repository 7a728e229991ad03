import keras
from keras import layers
model = keras.Sequential([layers.GRU(8), layers.Dense(1)])
model(keras.Input(shape=(10, 4)))
# TRUTH: model
