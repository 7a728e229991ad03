from keras import layers, Sequential, Input
def build():
    units = 4
    def more():
        nonlocal units
        units = 32
    more()
    return Sequential([Input(shape=(5, 3)), layers.LSTM(units)])
model = build()
# TRUTH: model
