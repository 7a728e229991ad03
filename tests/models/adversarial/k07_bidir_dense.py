from keras import layers, Sequential, Input
model = Sequential([Input(shape=(10, 5)), layers.Bidirectional(layers.Dense(4))])
# TRUTH: model
