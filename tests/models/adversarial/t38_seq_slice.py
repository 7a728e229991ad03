import torch.nn as nn
full = nn.Sequential(nn.Linear(4, 4), nn.Linear(4, 4), nn.Linear(4, 100))
model = full[:2]
# TRUTH: model
