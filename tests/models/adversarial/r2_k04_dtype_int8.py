from keras import layers, Sequential, Input
model = Sequential([Input(shape=(4,)), layers.Dense(8, dtype="int8_from_float32")])
# TRUTH: model
