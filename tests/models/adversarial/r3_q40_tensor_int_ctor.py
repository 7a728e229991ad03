import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Parameter(torch.FloatTensor([4, 5]))
        self.b = nn.Parameter(torch.Tensor((2, 3)))
model = M()
# TRUTH: model
