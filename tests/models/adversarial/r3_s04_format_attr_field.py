import torch.nn as nn
class Cfg:
    name = "enc"
m = nn.ModuleDict()
m["{0.name}".format(Cfg)] = nn.Linear(4, 4)
m["{0.name}".format(Cfg)] = nn.Linear(4, 8)
# TRUTH: m
