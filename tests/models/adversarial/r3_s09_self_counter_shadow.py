import torch.nn as nn
class Block(nn.Module):
    count = 0
    def __init__(self):
        super().__init__()
        self.count += 1
        self.fc = nn.Linear(4, 4 * self.count)
model = nn.Sequential(Block(), Block())
# TRUTH: model
