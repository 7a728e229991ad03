import torch.nn as nn
class M(nn.Module):
    hidden = 8
    def __init__(self):
        super().__init__()
        self.hidden = 16
        self.fc = nn.Linear(M.hidden, self.hidden)
        self.fc2 = nn.Linear(type(self).hidden, 2)
model = M()
# TRUTH: model
