import torch.nn as nn
bn = nn.BatchNorm1d(8, momentum=None)
model = nn.Sequential(bn, nn.Linear(8, 2 if bn.momentum is None else 3))
# TRUTH: model
