import keras
from keras import layers
model = keras.Sequential([layers.InputLayer(batch_shape=(None, 4)), layers.Dense(2)])
# TRUTH: model
