from keras import layers, Sequential, Input
model = Sequential([Input(shape=(4,)), layers.ReLU(max_value=6.0), layers.LeakyReLU(negative_slope=0.1), layers.Dense(2)])
# TRUTH: model
