import copy
import torch.nn as nn
m = nn.Sequential(nn.Linear(2, 2))
def widen(seq):
    c = copy.copy(seq)
    c[0] = nn.Linear(3, 3)
widen(m)
# TRUTH: m
