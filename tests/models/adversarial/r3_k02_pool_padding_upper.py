from keras import layers, Sequential, Input
model = Sequential([Input(shape=(21, 3)), layers.MaxPooling1D(2, padding="Same"), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
