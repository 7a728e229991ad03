import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 20, bias=False)
        if self.fc.bias is not None:
            self.extra = nn.Linear(20, 20)
# TRUTH: M()
