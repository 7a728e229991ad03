from keras import layers, Model, Input
def block(x, n):
    x = layers.Dense(n, use_bias=False)(x)
    x = layers.BatchNormalization(center=False)(x)
    return layers.Activation("relu")(x)
inp = Input(shape=(12,))
x = inp
for n in [16, 8]:
    x = block(x, n)
model = Model(inputs=inp, outputs=layers.Dense(1)(x))
# TRUTH: model
