import torch.nn as nn
dims = [4, 8, 16]
model = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(dims, dims[1:], strict=False)])
# TRUTH: model
