import keras
model = keras.Sequential([keras.layers.Input((7, 3)), keras.layers.Bidirectional(keras.layers.GRU(5, reset_after=False), merge_mode="ave"), keras.layers.Dense(2)])
# TRUTH: model
