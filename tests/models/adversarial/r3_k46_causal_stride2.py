from keras import layers, Sequential, Input
model = Sequential([Input(shape=(21, 3)), layers.Conv1D(4, 3, strides=2, padding="causal"), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
