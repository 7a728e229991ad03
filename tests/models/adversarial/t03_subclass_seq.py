import torch.nn as nn
class MLP(nn.Sequential):
    def __init__(self, a=10, b=20):
        super().__init__(nn.Linear(a, b), nn.ReLU(), nn.Linear(b, 1))
# TRUTH: MLP()
