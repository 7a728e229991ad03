import torch.nn as nn
model = nn.Embedding(100, 16, 0, 1.0)
# TRUTH: model
