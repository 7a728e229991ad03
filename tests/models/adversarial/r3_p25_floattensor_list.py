import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.FloatTensor([1.0, 2.0, 3.0]))
model = M()
# TRUTH: model
