import torch.nn as nn
base = [8, 16]
sizes = base
sizes += [32]
model = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(base, base[1:])])
# TRUTH: model
