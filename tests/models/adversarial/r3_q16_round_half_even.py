import torch.nn as nn
model = nn.Linear(4, round(2.5) + round(3.5))
# TRUTH: model
