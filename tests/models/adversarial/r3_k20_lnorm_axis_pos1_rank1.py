from keras import layers, Sequential, Input
model = Sequential([Input(shape=(6,)), layers.LayerNormalization(axis=1)])
# TRUTH: model
