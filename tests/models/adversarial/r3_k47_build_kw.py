from keras import layers, Sequential
model = Sequential([layers.LSTM(8), layers.Dense(1)])
model.build(input_shape=(None, 10, 4))
# TRUTH: model
