from keras import layers, Sequential
model = Sequential([layers.LSTM(4), layers.Dense(1)])
# TRUTH: model
