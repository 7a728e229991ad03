import torch.nn as nn
a = nn.Linear(4, 4)
ml = nn.ModuleList([a])
model = nn.Sequential(a, *([nn.Linear(4, 4)] if a in ml else []))
# TRUTH: model
