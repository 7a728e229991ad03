import torch.nn as nn
class Cfg:
    def __init__(self):
        self.items = []
    def __len__(self):
        return len(self.items)
cfg = Cfg()
model = nn.Sequential(nn.Linear(4, 4), *( [nn.Linear(4, 4)] if cfg else [] ))
# TRUTH: model
