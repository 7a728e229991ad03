import keras
from keras import layers
m = keras.Sequential([layers.Dense(2, input_shape=(3,))])
n = keras.Sequential([m, m])
# TRUTH: n
