import torch.nn as nn
m = nn.LayerNorm(())
# TRUTH: m
