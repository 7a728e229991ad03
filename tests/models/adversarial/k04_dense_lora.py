from keras import layers, Sequential, Input
model = Sequential([Input(shape=(6,)), layers.Dense(32, lora_rank=4), layers.Dense(1)])
# TRUTH: model
