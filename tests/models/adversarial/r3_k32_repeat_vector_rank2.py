from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 3)), layers.RepeatVector(4), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
