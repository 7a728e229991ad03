import torch.nn as nn
model = nn.MultiheadAttention(16, 4, kdim=8, vdim=12, bias=False, add_bias_kv=True)
# TRUTH: model
