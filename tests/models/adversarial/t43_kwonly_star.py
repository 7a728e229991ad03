import torch.nn as nn
class M(nn.Module):
    def __init__(self, *dims, bidirectional=True, **kw):
        super().__init__()
        self.rnns = nn.ModuleList(nn.LSTM(a, b, bidirectional=bidirectional, **kw) for a, b in zip(dims, dims[1:]))
model = M(4, 8, 16, bidirectional=False, num_layers=2, proj_size=3)
# TRUTH: model
