import torch.nn as nn
class M(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.layers = M.make(n)
    @staticmethod
    def make(n):
        return nn.ModuleList([nn.Linear(4, 4) for _ in range(n)])
model = M(3)
# TRUTH: model
