from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 4)), layers.Bidirectional(layers.LSTM(8), backward_layer=layers.LSTM(8)), layers.Dense(1)])
# TRUTH: model
