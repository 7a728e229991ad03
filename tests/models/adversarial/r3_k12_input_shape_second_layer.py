from keras import layers, Sequential
model = Sequential([layers.Dense(8, input_shape=(4,)), layers.Dense(3, input_shape=(100,))])
# TRUTH: model
