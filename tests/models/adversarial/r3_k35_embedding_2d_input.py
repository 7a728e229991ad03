from keras import layers, Sequential, Input
model = Sequential([Input(shape=(4, 5)), layers.Embedding(10, 3), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
