import keras
from keras import layers
m = keras.Sequential([layers.LSTM(2, input_dim=3)])
# TRUTH: m
