from keras import layers, Sequential, Input
model = Sequential([Input(shape=(10, 5)), layers.GlobalAveragePooling1D(data_format="channels_first"), layers.Dense(4)])
# TRUTH: model
