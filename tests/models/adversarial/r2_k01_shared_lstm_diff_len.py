from keras import layers, Model, Input
inp1 = Input(shape=(10, 8))
inp2 = Input(shape=(20, 8))
lstm = layers.LSTM(16, return_sequences=True)
a = layers.Flatten()(lstm(inp1))
b = layers.Flatten()(lstm(inp2))
out = layers.Dense(1)(layers.Concatenate()([a, b]))
model = Model([inp1, inp2], out)
# TRUTH: model
