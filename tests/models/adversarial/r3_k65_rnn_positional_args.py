import keras
model = keras.Sequential([keras.layers.Input((7, 3)), keras.layers.LSTM(5, "tanh", "sigmoid", False)])
# TRUTH: model
