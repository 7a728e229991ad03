import torch.nn as nn
model = nn.Sequential(*(nn.Linear(4, 4) for _ in range(3)))
# TRUTH: model
