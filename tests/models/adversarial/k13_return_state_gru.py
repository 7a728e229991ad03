from keras import layers, Model, Input
inp = Input(shape=(7, 3))
seq, h = layers.GRU(12, return_sequences=True, return_state=True)(inp)
seq2 = layers.LSTM(6)(seq, initial_state=None)
y = layers.Dense(2)(layers.concatenate([h, seq2]))
model = Model(inp, y)
# TRUTH: model
