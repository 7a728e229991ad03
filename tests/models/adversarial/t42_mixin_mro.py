import torch.nn as nn
class A(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(3, 3)
class B(nn.Module):
    def __init__(self):
        super().__init__()
        self.b = nn.Linear(3, 30)
class C(A, B):
    pass
# TRUTH: C()
