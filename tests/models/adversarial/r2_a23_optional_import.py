import torch.nn as nn
try:
    import apex_fused_layernorm_missing  # noqa
    FUSED = True
except ImportError:
    FUSED = False
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.GRU(8, 16)
        if not FUSED:
            self.norm = nn.LayerNorm(16)
model = M()
# TRUTH: model
