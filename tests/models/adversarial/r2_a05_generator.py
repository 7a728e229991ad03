import torch.nn as nn
def blocks(n):
    for i in range(n):
        yield nn.Linear(8, 8)
model = nn.Sequential(*blocks(3))
# TRUTH: model
