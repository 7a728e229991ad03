import keras
from keras import layers
inp = keras.Input(batch_shape=[None, 7, 3])
out = layers.LSTM(4)(inp)
model = keras.Model(inp, out)
# TRUTH: model
