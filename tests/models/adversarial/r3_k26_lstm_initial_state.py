from keras import layers, Model, Input
enc_in = Input(shape=(None, 10))
dec_in = Input(shape=(None, 12))
_, h, c = layers.LSTM(16, return_state=True)(enc_in)
dec = layers.LSTM(16, return_sequences=True)(dec_in, initial_state=[h, c])
out = layers.TimeDistributed(layers.Dense(12, activation="softmax"))(dec)
model = Model([enc_in, dec_in], out)
# TRUTH: model
