import torch.nn as nn
class Task:
    def __init__(self, name):
        self.name = name
t = Task("cls")
heads = nn.ModuleDict()
heads["{0.name}".format(t)] = nn.Linear(8, 2)
heads["{0.name}".format(t)] = nn.Linear(8, 4)
# TRUTH: heads
