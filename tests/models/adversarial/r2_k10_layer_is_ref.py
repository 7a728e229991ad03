from keras import layers, Sequential, Input
cell = layers.GRU
extra = [layers.Dense(8)] if cell is layers.GRU else []
model = Sequential([Input(shape=(5, 4)), cell(8), *extra, layers.Dense(1)])
# TRUTH: model
