from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 4)), layers.GlobalAveragePooling1D(keepdims=True), layers.Flatten(), layers.Dense(2)])
# TRUTH: model
