import torch.nn as nn
class M(nn.Module):
    widths = [8]
    def __init__(self):
        super().__init__()
        self.widths.append(8)
        self.net = nn.Sequential(*[nn.Linear(a, b) for a, b in zip(self.widths, self.widths[1:])])
def warmup():
    M()
warmup()
model = M()
# TRUTH: model
