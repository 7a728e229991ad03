import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = nn.LayerNorm(16)
        if self.norm.normalized_shape == 16:
            self.extra = nn.Linear(16, 16)
model = M()
# TRUTH: model
