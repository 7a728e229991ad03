"""A trained model's weight file: what it holds (:func:`read_weights`) and how gradients flow through its trained
recurrent weights (:func:`trained_flow`).

Reading needs the ``weights`` extra (``pip install 'rnncalc[weights]'``: safetensors and h5py) and, for PyTorch's
own ``.pt``/``.pth``/``.bin`` files, PyTorch; nothing here is imported by the rest of rnncalc until a weight file
is named.
"""

from __future__ import annotations

from .files import SUFFIXES, TensorInfo, WeightFile, is_weight_file, open_weights
from .infer import Direction, FileModel, read_checkpoint

__all__ = ["SUFFIXES", "Direction", "FileModel", "TensorInfo", "WeightFile", "is_weight_file", "read_weights"]


def read_weights(path: str) -> FileModel:
    """The model a weight file holds: its modules, recurrent layers and exact parameter count.

    >>> read_weights("missing.safetensors")
    Traceback (most recent call last):
    ...
    rnncalc.errors.InvalidArgument: path: no such file: missing.safetensors
    """
    return read_checkpoint(open_weights(path))
