from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 4)), layers.Bidirectional(layer=layers.GRU(3, return_sequences=True), merge_mode="mul"), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
