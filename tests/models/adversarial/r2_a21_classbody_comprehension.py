import torch.nn as nn
n = 16
class M(nn.Module):
    n = 4
    sizes = [n for _ in range(2)]
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(self.sizes[0], self.sizes[1])
model = M()
# TRUTH: model
