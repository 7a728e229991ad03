from keras import layers, Sequential, Input
model = Sequential([Input(shape=(20, 8)), layers.Conv1D(16, 5, 1, "same", groups=4, use_bias=False), layers.AveragePooling1D(3, 2, "same"), layers.SimpleRNN(4)])
# TRUTH: model
