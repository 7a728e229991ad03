import torch.nn as nn
emb = nn.Embedding(10, 4, padding_idx=-1)
model = nn.Sequential(emb, nn.Linear(4, emb.padding_idx + 1))
# TRUTH: model
