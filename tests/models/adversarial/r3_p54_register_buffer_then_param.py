import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("scale", torch.ones(5))
        self.scale = nn.Parameter(torch.ones(5))
model = M()
# TRUTH: model
