from keras import layers, Sequential, Input
model = Sequential([Input(shape=(8,)), layers.Dense(4), layers.GlobalAveragePooling1D(), layers.Dense(1)])
# TRUTH: model
