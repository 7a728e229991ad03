from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 3)), layers.LSTM(4, dropout=0.2, recurrent_dropout=0.1), layers.Dropout(0.5), layers.GaussianNoise(0.1), layers.Dense(1)])
# TRUTH: model
