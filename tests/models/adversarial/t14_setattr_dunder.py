import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.__setattr__("a", nn.Linear(10, 10))
        self.b = nn.Linear(10, 2)
# TRUTH: M()
