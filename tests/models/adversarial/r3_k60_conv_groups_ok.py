from keras import layers, Sequential, Input
model = Sequential([Input(shape=(20, 6)), layers.Conv1D(4, 3, groups=2, use_bias=False), layers.GlobalMaxPool1D(), layers.Dense(1)])
# TRUTH: model
