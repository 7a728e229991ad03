from keras import layers, Sequential, Input
model = Sequential([Input(shape=(10, 5)), layers.Conv1D(8, 3, data_format="channels_first"), layers.LSTM(4)])
# TRUTH: model
