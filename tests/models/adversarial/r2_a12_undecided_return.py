import sys
import torch.nn as nn
def make():
    small = nn.Linear(4, 4)
    if sys.platform.startswith(""):
        return small
    return nn.Sequential(small, nn.Linear(4, 8))
model = make()
# TRUTH: model
