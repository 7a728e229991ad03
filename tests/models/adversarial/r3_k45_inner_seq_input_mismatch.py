from keras import layers, Sequential, Input
inner = Sequential([Input(shape=(4,)), layers.Dense(8)])
model = Sequential([Input(shape=(6,)), inner, layers.Dense(1)])
# TRUTH: model
