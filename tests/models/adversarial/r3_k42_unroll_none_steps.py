from keras import layers, Sequential, Input
model = Sequential([Input(shape=(None, 4)), layers.LSTM(8, unroll=True), layers.Dense(1)])
# TRUTH: model
