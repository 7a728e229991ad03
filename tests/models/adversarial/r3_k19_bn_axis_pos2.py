from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 6)), layers.BatchNormalization(axis=2)])
# TRUTH: model
