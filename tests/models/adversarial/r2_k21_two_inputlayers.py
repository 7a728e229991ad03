import keras
from keras import layers
m = keras.Sequential([layers.InputLayer((3,)), layers.InputLayer((4,)), layers.Dense(2)])
# TRUTH: m
