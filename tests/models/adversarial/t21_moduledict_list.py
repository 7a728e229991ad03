import torch.nn as nn
class M(nn.Module):
    def __init__(self, heads=("a", "b", "c")):
        super().__init__()
        self.heads = nn.ModuleDict([(h, nn.Linear(7, i + 1)) for i, h in enumerate(heads)])
        self.heads["a"] = nn.Linear(7, 100)
        self.heads.update({"d": nn.LSTMCell(3, 4)})
# TRUTH: M()
