from keras import layers, Sequential, Input
model = Sequential([Input(shape=(11, 2)), layers.AveragePooling1D(pool_size=3, strides=None, padding="same"), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
