import torch.nn as nn
mha = nn.MultiheadAttention(8, 2, kdim=None)
model = nn.ModuleList([mha, nn.Linear(8, 2 if mha.kdim is None else 4)])
# TRUTH: model
