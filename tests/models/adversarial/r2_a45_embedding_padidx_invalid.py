import torch.nn as nn
try:
    emb = nn.Embedding(10, 4, padding_idx=10)
except AssertionError:
    emb = nn.Embedding(11, 4, padding_idx=10)
# TRUTH: emb
