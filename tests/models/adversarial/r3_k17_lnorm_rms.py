from keras import layers, Sequential, Input
model = Sequential([Input(shape=(5, 6)), layers.LayerNormalization(rms_scaling=True, center=False), layers.LayerNormalization(rms_scaling=True)])
# TRUTH: model
