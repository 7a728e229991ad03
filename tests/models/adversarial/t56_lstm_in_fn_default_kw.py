import torch.nn as nn
def make(cell="LSTM", **kw):
    return getattr(nn, cell)(**kw)
model = nn.ModuleDict({"enc": make(input_size=4, hidden_size=8, num_layers=2), "dec": make("GRU", input_size=8, hidden_size=8, bias=False)})
# TRUTH: model
