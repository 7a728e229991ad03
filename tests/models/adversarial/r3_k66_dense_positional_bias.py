import keras
model = keras.Sequential([keras.layers.Input((3,)), keras.layers.Dense(5, None, False)])
# TRUTH: model
