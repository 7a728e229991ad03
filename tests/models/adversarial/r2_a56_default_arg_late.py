import torch.nn as nn
H = 8
def block(h=H):
    return nn.Linear(4, h)
H = 64
model = block()
# TRUTH: model
