from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 6)), layers.BatchNormalization(scale=False), layers.BatchNormalization(axis=1)])
# TRUTH: model
