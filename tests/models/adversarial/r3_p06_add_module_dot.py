import torch.nn as nn
model = nn.Sequential()
for i in range(2):
    model.add_module(f"layer.{i}", nn.Linear(4, 4))
# TRUTH: model
