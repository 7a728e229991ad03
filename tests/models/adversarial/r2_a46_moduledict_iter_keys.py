import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.heads = nn.ModuleDict({"ab": nn.Linear(4, 2), "cde": nn.Linear(4, 3)})
        self.extra = nn.ModuleDict()
        for name in self.heads:
            self.extra[name] = nn.Linear(self.heads[name].out_features, 4)
model = M()
# TRUTH: model
