from keras import layers, Model, Input

left = Input(shape=(None, 16))
right = Input(shape=(None, 16))
siamese = layers.Bidirectional(layers.GRU(24), merge_mode="sum")
distance = layers.Subtract()([siamese(left), siamese(right)])
score = layers.Dense(1, activation="sigmoid")(distance)
model = Model(inputs=[left, right], outputs=score)
