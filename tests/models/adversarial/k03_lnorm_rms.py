from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 4)), layers.LSTM(8, return_sequences=True), layers.LayerNormalization(rms_scaling=True)])
# TRUTH: model
