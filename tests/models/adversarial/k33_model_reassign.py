from keras import layers, Sequential, Input
model = Sequential([Input(shape=(3,)), layers.Dense(4)])
model = Sequential([Input(shape=(3,)), layers.Dense(400)])
# TRUTH: model
