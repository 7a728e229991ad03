import torch.nn as nn
sizes = [8, 16, 32, 64]
sizes.remove(16)
model = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(sizes, sizes[1:])])
# TRUTH: model
