from keras import layers, Sequential, Input
model = Sequential([Input(shape=(4,)), layers.Dense(4), layers.Dense(2, name="dense")])
# TRUTH: model
