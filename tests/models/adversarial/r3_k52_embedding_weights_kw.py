import numpy as np
from keras import layers, Sequential, Input
m = np.zeros((100, 8))
model = Sequential([Input(shape=(10,)), layers.Embedding(100, 8, weights=[m], trainable=False), layers.LSTM(4)])
# TRUTH: model
