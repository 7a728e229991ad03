import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(8, activation=keras.activations.gelu), layers.Dense(1, kernel_initializer=keras.initializers.HeNormal())])
# TRUTH: model
