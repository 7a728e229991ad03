from keras import layers, Model, Input
q = Input(shape=(5, 4))
v = Input(shape=(6, 4))
att, scores = layers.Attention()([q, v], return_attention_scores=True)
out = layers.Dense(2)(layers.Flatten()(scores))
model = Model([q, v], out)
# TRUTH: model
