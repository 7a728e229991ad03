from keras import layers, Sequential, Input
model = Sequential([Input(shape=(9, 3)), layers.MaxPooling1D(pool_size=2, strides=3, padding="same"), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
