import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.att = nn.MultiheadAttention(16, 4, 0.1, True, True, False, 8, 12)
        self.att2 = nn.MultiheadAttention(16, 2, bias=False, add_bias_kv=True)
# TRUTH: M()
