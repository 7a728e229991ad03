import json
import torch.nn as nn
cfg = json.loads('{"task": "cls"}')
heads = nn.ModuleDict()
heads[cfg["task"]] = nn.Linear(8, 2)
heads["aux"] = nn.Linear(8, 1)
# TRUTH: heads
