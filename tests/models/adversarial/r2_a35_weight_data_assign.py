import torch
import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(1, 50)
        self.emb.weight.data = torch.zeros(1000, 50)
model = M()
# TRUTH: model
