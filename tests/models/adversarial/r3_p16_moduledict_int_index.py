import torch.nn as nn
heads = nn.ModuleDict({"a": nn.Linear(4, 4), "b": nn.Linear(4, 8)})
model = nn.Sequential(heads[1], nn.ReLU())
# TRUTH: model
