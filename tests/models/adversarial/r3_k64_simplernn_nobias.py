import keras
model = keras.Sequential([keras.layers.Input((7, 3)), keras.layers.SimpleRNN(5, use_bias=False, return_sequences=True), keras.layers.SimpleRNN(2, activation="relu")])
# TRUTH: model
