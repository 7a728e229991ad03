import torch, torch.nn as nn
model = nn.Linear(4, 4, dtype=torch.int32)
# TRUTH: model
