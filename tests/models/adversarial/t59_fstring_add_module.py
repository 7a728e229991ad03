import torch.nn as nn
class M(nn.Module):
    def __init__(self, n=3):
        super().__init__()
        for i in range(n):
            self.add_module(f"l{i}", nn.Linear(4, 4))
            setattr(self, "r%d" % i, nn.RNNCell(4, 4, nonlinearity="relu"))
# TRUTH: M()
