import torch.nn as nn
layers = []
for i in range(3):
    layers.append(nn.Linear(4, 4))
    if i == 1:
        break
else:
    layers.append(nn.Linear(4, 100))
model = nn.Sequential(*layers)
# TRUTH: model
