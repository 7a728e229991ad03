import torch.nn as nn
use_norm = False
model = nn.Sequential(nn.Linear(4, 4), nn.LayerNorm(4) if use_norm else None, nn.Linear(4, 2))
# TRUTH: model
