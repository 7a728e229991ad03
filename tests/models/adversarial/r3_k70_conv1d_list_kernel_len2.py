from keras import layers, Sequential, Input
model = Sequential([Input(shape=(20, 6)), layers.Conv1D(4, [3, 3])])
# TRUTH: model
