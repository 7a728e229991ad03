from keras import layers, Sequential, Input
model = Sequential([Input(shape=(None,)), layers.Embedding(50, 4, mask_zero=True), layers.GlobalAveragePooling1D(), layers.Dense(3)])
# TRUTH: model
