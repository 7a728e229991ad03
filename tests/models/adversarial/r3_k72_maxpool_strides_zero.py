from keras import layers, Sequential, Input
model = Sequential([Input(shape=(11, 2)), layers.MaxPooling1D(pool_size=3, strides=0), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
