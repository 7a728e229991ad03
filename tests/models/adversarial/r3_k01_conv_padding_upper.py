from keras import layers, Sequential, Input
model = Sequential([Input(shape=(20, 3)), layers.Conv1D(4, 5, padding="SAME"), layers.Flatten(), layers.Dense(1)])
# TRUTH: model
