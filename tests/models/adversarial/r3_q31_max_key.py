import torch.nn as nn
sizes = {"a": 3, "b": 9}
model = nn.Linear(4, sizes[max(sizes, key=sizes.get)])
# TRUTH: model
