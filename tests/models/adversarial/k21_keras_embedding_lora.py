from keras import layers, Sequential, Input
model = Sequential([Input(shape=(10,)), layers.Embedding(100, 8, lora_rank=2), layers.LSTM(4)])
# TRUTH: model
