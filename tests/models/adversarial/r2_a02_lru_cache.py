import functools
import torch.nn as nn
@functools.lru_cache(maxsize=None)
def block(d):
    return nn.Linear(d, d)
model = nn.Sequential(block(8), nn.ReLU(), block(8))
# TRUTH: model
