import torch.nn as nn
shared = nn.Linear(5, 5)
model = nn.Sequential(*[shared] * 3, nn.Sequential(shared, nn.Linear(5, 1)))
# TRUTH: model
