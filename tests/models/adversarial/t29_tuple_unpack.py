import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.a, self.b = nn.Linear(3, 3), nn.GRUCell(3, 5)
        (self.c, self.d) = [nn.Linear(5, 1, bias=False)] * 2
# TRUTH: M()
