from keras import layers, Sequential, Input
table = {"lstm": layers.LSTM, "gru": layers.GRU}
model = Sequential([Input(shape=(5, 4)), table["gru"](8, reset_after=False), layers.Dense(1)])
# TRUTH: model
