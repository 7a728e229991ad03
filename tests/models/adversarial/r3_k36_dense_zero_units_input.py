from keras import layers, Sequential, Input
model = Sequential([Input(shape=(0,)), layers.Dense(3)])
# TRUTH: model
