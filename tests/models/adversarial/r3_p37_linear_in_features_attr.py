import torch.nn as nn
body = nn.Sequential(nn.Linear(4, 32), nn.ReLU(), nn.Linear(32, 16))
head = nn.Linear(body[-1].out_features, body[0].in_features)
model = nn.Sequential(body, head)
# TRUTH: model
