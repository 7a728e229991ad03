from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5,)), layers.Dense(8), layers.Dense(4)])
model.pop()
model.add(layers.Dense(2))
# TRUTH: model
