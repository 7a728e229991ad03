import torch.nn as nn
class Outer(nn.Module):
    class Cfg:
        hidden = 12
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, self.Cfg.hidden)
model = Outer()
# TRUTH: model
