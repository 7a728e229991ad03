import torch.nn as nn
class Block(nn.Module):
    count = 0
    def __init__(self):
        super().__init__()
        Block.count += 1
        self.fc = nn.Linear(4, 4 * Block.count)
model = nn.Sequential(Block(), Block())
# TRUTH: model
