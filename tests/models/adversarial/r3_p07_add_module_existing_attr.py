import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = 16
        self.add_module("hidden", nn.Linear(4, 16))
model = M()
# TRUTH: model
