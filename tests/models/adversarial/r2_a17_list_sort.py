import torch.nn as nn
sizes = [64, 8, 32]
sizes.sort()
model = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])
# TRUTH: model
