import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        for i in range(3):
            setattr(self, f"w{i}", nn.Parameter(torch.randn(i + 1)))
model = M()
# TRUTH: model
