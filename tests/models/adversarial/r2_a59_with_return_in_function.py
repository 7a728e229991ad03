import torch
import torch.nn as nn
def make():
    with torch.no_grad():
        return nn.Linear(4, 4)
    return nn.Linear(4, 100)
model = make()
# TRUTH: model
