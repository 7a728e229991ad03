"""The words options take, each list written once (and light to import: the command line builds its choices here)."""

CONVENTIONS = ("textbook", "pytorch", "keras")  # whose count: the course's formula, PyTorch, Keras 3
DTYPE_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "float64": 8}  # number formats, for memory
INITS = ("gaussian", "orthogonal")  # the vanilla RNN's W
ACTIVATIONS = ("tanh", "linear", "relu")  # the vanilla RNN's φ
PATHS = ("full", "carry")  # the gated cells' paths through time
