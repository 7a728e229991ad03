from keras import layers, Sequential
model = Sequential([layers.Embedding(100, 8, input_length=10), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
