import torch, torch.nn as nn
class M(nn.Module):
    def __init__(self, use_bias=False):
        super().__init__()
        self.w = nn.Parameter(torch.randn(4, 5))
        if use_bias:
            self.b = nn.Parameter(torch.zeros(5))
        else:
            self.register_parameter("b", None)
        self.register_buffer("buf", torch.zeros(100))
# TRUTH: M()
