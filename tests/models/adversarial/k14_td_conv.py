from keras import layers, Sequential, Input
model = Sequential([Input(shape=(12, 6)), layers.Conv1D(4, 3, strides=2, padding="causal", dilation_rate=1), layers.MaxPooling1D(2), layers.Flatten(), layers.Dense(3)])
# TRUTH: model
