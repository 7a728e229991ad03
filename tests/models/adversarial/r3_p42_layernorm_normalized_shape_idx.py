import torch.nn as nn
norm = nn.LayerNorm(16)
model = nn.Sequential(norm, nn.Linear(norm.normalized_shape[-1], 4))
# TRUTH: model
