import torch.nn as nn
seq = nn.Sequential()
model = nn.Sequential(nn.Linear(4, 4), *([nn.Linear(4, 4)] if seq else []))
# TRUTH: model
