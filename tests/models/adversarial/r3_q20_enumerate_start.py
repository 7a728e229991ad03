import torch.nn as nn
model = nn.ModuleDict({f"l{i}": nn.Linear(i, i) for i, _ in enumerate("abc", start=2)})
# TRUTH: model
