import copy
import torch.nn as nn
def clones(module, N):
    return nn.ModuleList([copy.deepcopy(module) for _ in range(N)])
class Encoder(nn.Module):
    def __init__(self, layer, N):
        super().__init__()
        self.layers = clones(layer, N)
        self.norm = nn.LayerNorm(32)
model = Encoder(nn.Linear(32, 32), 6)
# TRUTH: model
