from keras import layers, Sequential
model = Sequential([layers.Dense(8, input_dim=5), layers.Dense(1)])
# TRUTH: model
