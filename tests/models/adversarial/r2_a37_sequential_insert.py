import torch.nn as nn
model = nn.Sequential(nn.Linear(4, 4))
model.insert(0, nn.Linear(4, 4))
# TRUTH: model
