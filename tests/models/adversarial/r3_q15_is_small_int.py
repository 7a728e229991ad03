import torch.nn as nn
n = 300
m = 299 + 1
extra = [nn.Linear(4, 4)] if n is m else []
model = nn.Sequential(nn.Linear(4, 4), *extra)
# TRUTH: model
