import os
import torch.nn as nn
class M(nn.Module):
    def __init__(self, name=os.environ.get("N", "head")):
        super().__init__()
        self.add_module(name, nn.Linear(8, 2))
        setattr(self, name, nn.Linear(8, 4))
model = M()
# TRUTH: model
