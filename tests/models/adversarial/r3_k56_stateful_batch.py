import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(None, 4), batch_size=2), layers.LSTM(3, stateful=True), layers.Dense(1)])
# TRUTH: model
