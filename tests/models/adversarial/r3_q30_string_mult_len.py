import torch.nn as nn
vocab = "abc" * 3 + "".join(["x", "y"])
model = nn.Embedding(len(set(vocab)), 4)
# TRUTH: model
