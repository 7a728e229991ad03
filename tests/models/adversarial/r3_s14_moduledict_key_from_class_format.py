import torch.nn as nn
class Cfg:
    name = "enc"
m = nn.ModuleDict()
m["{}".format(Cfg)] = nn.Linear(4, 4)
m["{}".format(Cfg)] = nn.Linear(4, 8)
m.add_module(str(Cfg) , nn.Linear(4, 2))
# TRUTH: m
