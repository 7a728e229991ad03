from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 6)), layers.LayerNormalization(axis=[1, 2])])
# TRUTH: model
