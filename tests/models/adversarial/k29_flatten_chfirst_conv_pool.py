from keras import layers, Sequential, Input
model = Sequential([Input(shape=(10, 6)), layers.MaxPooling1D(2, data_format="channels_first"), layers.Flatten(), layers.Dense(2)])
# TRUTH: model
