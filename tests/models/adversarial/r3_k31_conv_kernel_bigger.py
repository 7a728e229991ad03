from keras import layers, Sequential, Input
model = Sequential([Input(shape=(3, 3)), layers.Conv1D(4, 5), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
