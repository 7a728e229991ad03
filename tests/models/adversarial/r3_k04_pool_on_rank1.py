from keras import layers, Sequential, Input
model = Sequential([Input(shape=(8,)), layers.MaxPooling1D(2), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
