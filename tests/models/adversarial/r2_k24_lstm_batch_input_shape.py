import keras
from keras import layers
m = keras.Sequential([layers.LSTM(2, batch_input_shape=(None, 4, 3))])
# TRUTH: m
