"""Weight files read safely: every tensor's name, shape and dtype, and its values only when asked.

Three formats, each through the library made for it (the ``weights`` extra):

- ``.safetensors``: the ``safetensors`` library's NumPy API, memory-mapped;
- PyTorch ``.pt``/``.pth``/``.bin``/``.ckpt`` (zip and legacy): PyTorch's own
  ``torch.load(weights_only=True)``, memory-mapped where the format allows; it
  unpickles tensors and plain containers only, never an arbitrary object, and
  without PyTorch installed such a file is refused;
- Keras 3 ``.weights.h5`` and ``.keras`` (the ``model.weights.h5`` inside the zip):
  ``h5py``; the optimizer's variables are not the model's and are left out.

The format is told by the file's first bytes, not its name. Whatever a library
raises on a malformed file becomes one sentence naming the file.

Size: one reader per format (safetensors, PyTorch's weights-only pickle, Keras's HDF5), each with its
own refusals, around the one tensor table they all fill.
"""

from __future__ import annotations

import json
import os
import re
import stat
import struct
import warnings
from dataclasses import dataclass, field
from math import prod
from typing import Any, Callable

from ..errors import InvalidArgument, printable, shown
from ..guard import LOADING, NoRoom, check_loadable

MAX_CONFIG = 50_000_000  # bytes of a .keras archive's config.json read for the layers' activations
MAX_TENSORS = 100_000  # a checkpoint of a very large model holds a few thousand
SUFFIXES = (".safetensors", ".pt", ".pth", ".bin", ".ckpt", ".h5", ".hdf5", ".keras")
INSTALL = "pip install 'rnncalc[weights]'"
TORCH_INSTALL = "pip install torch --index-url https://download.pytorch.org/whl/cpu, or save it as .safetensors"
STATE_DICT_KEYS = ("state_dict", "model_state_dict", "model", "net", "module", "state")  # checkpoint conventions


@dataclass(frozen=True)
class TensorInfo:
    name: str  # as stored: lstm.weight_ih_l0; layers/lstm/cell/vars/0
    shape: tuple[int, ...]
    dtype: str

    @property
    def count(self) -> int:
        return prod(self.shape)


@dataclass
class WeightFile:
    """A weight file's tensors, in the file's order; `values(name)` reads one as float64 NumPy."""

    path: str
    format: str  # safetensors, pytorch, keras
    tensors: list[TensorInfo]
    notes: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)  # Keras: a layer path's own name (vars/@name)
    tied: dict[str, str] = field(default_factory=dict)  # PyTorch: a tensor stored as another one (tied weights)
    activations: dict[str, tuple[str, str]] = field(default_factory=dict)  # .keras: a recurrent layer's own
    keep: Any = None  # what must stay open while values are read (a compressed member's temporary copy)
    _read: Callable[[str], Any] | None = None

    @property
    def total(self) -> int:
        return sum(t.count for t in self.tensors)

    def values(self, name: str):
        import numpy as np

        if self._read is None or name not in {t.name for t in self.tensors}:
            raise InvalidArgument("path", f"{_shown(self.path)} holds no tensor {printable(name)}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = np.asarray(self._read(name))
        if values.dtype.kind not in "biuf":  # complex parts, strings, objects: never cast silently
            raise InvalidArgument("path", f"{name} in {_shown(self.path)} is {values.dtype}, not real numbers")
        array = values.astype(np.float64)
        if not np.isfinite(array).all():
            raise InvalidArgument(
                "path", f"{name} in {_shown(self.path)} holds NaN or infinite values (did training diverge?)"
            )
        return array


def is_weight_file(path: str) -> bool:
    """Whether --from names a weight file (by its name or its first bytes), not model code."""
    if os.path.isfile(path):
        return path.lower().endswith(SUFFIXES) or (not path.endswith(".py") and _kind(_head(path)) is not None)
    return "\n" not in path and "(" not in path and path.lower().endswith(SUFFIXES)  # else code, not a path


def open_weights(path: str) -> WeightFile:
    """Read a weight file's table of tensors (not their values)."""
    if isinstance(path, os.PathLike):
        path = os.fspath(path)
    if not isinstance(path, str) or not path or "\0" in path:
        raise InvalidArgument("path", f"give the weight file's path, got {shown(path)}")
    if os.path.isdir(path):
        raise InvalidArgument("path", f"{_shown(path)} is a folder; give the weight file")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InvalidArgument("path", f"no such file: {_shown(path)}") from None
    except OSError as e:
        raise InvalidArgument("path", f"cannot read {_shown(path)}: {e.strerror or e}") from None
    if not stat.S_ISREG(mode):
        raise InvalidArgument("path", f"{_shown(path)} is not a regular file")
    head = _head(path)
    kind = _kind(head)
    if kind is None:
        raise InvalidArgument(
            "path",
            f"{_shown(path)} is not a safetensors, PyTorch or Keras 3 weight file (it begins {head[:8]!r})",
        )
    reader = {"safetensors": _safetensors, "zip": _zip, "hdf5": _hdf5, "pickle": _pytorch}[kind]
    try:
        with warnings.catch_warnings():  # the libraries speak through rnncalc's messages, or not at all
            warnings.simplefilter("ignore")
            wf = _printable_names(reader(path))
    except (InvalidArgument, NoRoom):
        raise
    except MemoryError:  # out of memory (exit 1), not a bad file
        raise NoRoom(f"reading {_shown(path)} needs more memory than this process may use") from None
    except Exception as e:  # the libraries' own errors on malformed files: one sentence, never a traceback
        raise InvalidArgument("path", f"cannot read {_shown(path)}: {_first_line(e)}") from None
    if not wf.tensors:
        raise InvalidArgument("path", f"{_shown(path)} holds no tensors")
    if len(wf.tensors) > MAX_TENSORS:
        raise InvalidArgument("path", f"{_shown(path)} holds {len(wf.tensors):,} tensors (at most {MAX_TENSORS:,})")
    return wf


def _shown(path: str) -> str:
    return printable(path)


def _printable_names(wf: WeightFile) -> WeightFile:
    """The names a file holds, as they may be shown (escapes for control characters); read by their own."""
    raw = {printable(t.name, 1000): t.name for t in wf.tensors}
    if len(raw) < len(wf.tensors):
        raise InvalidArgument(
            "path", f"{_shown(wf.path)} holds two tensors whose names differ only in control characters"
        )
    if any(k != v for k, v in raw.items()):
        read = wf._read
        wf.tensors = [TensorInfo(printable(t.name, 1000), t.shape, t.dtype) for t in wf.tensors]
        wf.tied = {printable(a, 1000): printable(b, 1000) for a, b in wf.tied.items()}
        wf._read = None if read is None else (lambda name: read(raw.get(name, name)))
    wf.attributes = {k: printable(v, 200) for k, v in wf.attributes.items()}
    return wf


def _head(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(16)
    except OSError as e:
        raise InvalidArgument("path", f"cannot read {_shown(path)}: {e.strerror or e}") from None


def _kind(head: bytes) -> str | None:
    if head.startswith(b"PK\x03\x04"):
        return "zip"  # a PyTorch checkpoint or a .keras archive
    if head.startswith(b"\x89HDF\r\n\x1a\n"):
        return "hdf5"
    if head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        return "pickle"  # PyTorch's legacy format
    if len(head) >= 9 and head[8:9] == b"{" and struct.unpack("<Q", head[:8])[0] < 2**31:
        return "safetensors"  # an 8-byte header length, then the JSON header
    return None


def _first_line(e: BaseException) -> str:
    return printable((str(e).strip().splitlines() or [type(e).__name__])[0])


def _needs(module: str, what: str, install: str = INSTALL):
    from importlib import import_module
    from importlib.util import find_spec

    check_loadable("numpy", *([module] if module in LOADING else []))  # every reader returns NumPy arrays
    try:
        return import_module(module)
    except ImportError as e:
        if find_spec(module) is not None:  # installed, yet it would not load (a broken install, a memory limit)
            problem = f"reading {what} needs {module}, which failed to load: {_first_line(e)}"
            raise InvalidArgument("path", problem) from None
        raise InvalidArgument("path", f"reading {what} needs {module}: {install}") from None


# ---- safetensors ----------------------------------------------------------------------------------------


def _safetensors(path: str) -> WeightFile:
    st = _needs("safetensors", "a .safetensors file")
    with st.safe_open(path, framework="numpy") as f:
        tensors = [_info(name, f.get_slice(name)) for name in f.keys()]

    def read(name: str):
        try:
            with st.safe_open(path, framework="numpy") as f:
                return f.get_tensor(name)
        except Exception as e:  # bfloat16 and the float8s have no NumPy type: PyTorch reads them, if it is there
            try:
                import torch
            except ImportError:
                raise InvalidArgument(
                    "path", f"cannot read {name}'s values without PyTorch: {_first_line(e)}"
                ) from None
            with st.safe_open(path, framework="pt") as f:
                return _real(f.get_tensor(name), torch)

    return WeightFile(path, "safetensors", tensors, _read=read)


def _info(name: str, sliced) -> TensorInfo:
    return TensorInfo(name, tuple(int(d) for d in sliced.get_shape()), _dtype(str(sliced.get_dtype())))


def _dtype(code: str) -> str:
    """safetensors' dtype codes in NumPy's and PyTorch's words: F32 float32, BF16 bfloat16, I64 int64, BOOL bool."""
    match = re.fullmatch(r"(BF|F|I|U|C)(\d+)(_.*)?", code)
    if code == "BOOL" or not match:
        return code.lower()
    kind = {"BF": "bfloat", "F": "float", "I": "int", "U": "uint", "C": "complex"}[match.group(1)]
    return f"{kind}{match.group(2)}{(match.group(3) or '').lower()}"


# ---- PyTorch ---------------------------------------------------------------------------------------------


def _zip(path: str) -> WeightFile:
    import zipfile

    with zipfile.ZipFile(path) as z:
        names = z.namelist()
    if "model.weights.h5" in names:
        return _keras_archive(path)
    if any(n.endswith("/data.pkl") or n == "data.pkl" for n in names):
        return _pytorch(path)
    raise InvalidArgument(
        "path", f"{_shown(path)} is a zip archive, but neither a PyTorch checkpoint nor a .keras model"
    )


def _pytorch(path: str) -> WeightFile:
    torch = _needs(
        "torch", "a PyTorch checkpoint (a pickle, opened only by PyTorch's weights_only loader)", TORCH_INSTALL
    )
    try:
        try:
            loaded = torch.load(path, map_location="cpu", weights_only=True, mmap=True)
        except RuntimeError as e:
            if "mmap" not in str(e):
                raise
            _fits_in_memory(path)  # the legacy format cannot be memory-mapped: it is read whole
            loaded = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:
        if "Unsupported operand" in str(e):
            raise InvalidArgument(
                "path",
                f"{_shown(path)} uses pickle instructions PyTorch's safe loader does not read (pickle_protocol 4 "
                "or 5); re-save it with torch.save's default protocol, or as .safetensors",
            ) from None
        if "Weights only load failed" in str(e):
            raise InvalidArgument(
                "path",
                f"{_shown(path)} holds Python objects besides tensors ({_unsupported(e)}); rnncalc never "
                "unpickles them. Save the weights alone: torch.save(model.state_dict(), FILE)",
            ) from None
        raise
    tensors, notes = _state_dict(loaded, torch.Tensor, path)
    return WeightFile(
        path,
        "pytorch",
        [TensorInfo(k, tuple(t.shape), str(t.dtype).removeprefix("torch.")) for k, t in tensors.items()],
        notes,
        tied=_tied(tensors),
        _read=lambda name: _real(tensors[name], torch),
    )


def _real(t, torch):
    """A tensor's values as float64 NumPy; a complex tensor as complex (refused by the caller, never cast)."""
    t = t.detach()
    if t.is_quantized:
        t = t.dequantize()
    return t.numpy() if t.is_complex() else t.to(torch.float64).numpy()


def _tied(tensors: dict) -> dict[str, str]:
    """Tensors torch.save stored once under two names (weights tied in the model), each with its first name."""
    first: dict[tuple, str] = {}
    tied = {}
    for name, t in tensors.items():
        try:
            key = (t.untyped_storage().data_ptr(), t.storage_offset(), tuple(t.shape), tuple(t.stride()))
        except RuntimeError:  # a tensor without storage (sparse, meta): never tied
            continue
        if t.numel() and key in first:
            tied[name] = first[key]
        first.setdefault(key, name)
    return tied


def _fits_in_memory(path: str) -> None:
    from ..guard import Limits, human_bytes

    size, limit = os.path.getsize(path), Limits.resolve().memory
    if size > limit:
        raise InvalidArgument(
            "path",
            f"{_shown(path)} ({human_bytes(size)}, the legacy format) would be read whole, over the "
            f"{human_bytes(limit)} limit; re-save it with torch.save or as .safetensors",
        )


def _unsupported(e: BaseException) -> str:
    found = re.search(r"Unsupported global: GLOBAL ([\w.]+)", str(e))
    return f"the global {found.group(1)}" if found else "objects its loader refuses"


def _state_dict(loaded, tensor_type, path: str) -> tuple[dict, list[str]]:
    """The tensors: the state dict itself, or the one a checkpoint keeps under a usual key (model_state_dict…)."""
    if not isinstance(loaded, dict):
        raise InvalidArgument("path", f"{_shown(path)} holds a {type(loaded).__name__}, not a state dict of tensors")
    nested = {k: v for k, v in loaded.items() if isinstance(v, dict) and _tensors_in(v, tensor_type)}
    key = None
    if nested and not _tensors_in(loaded, tensor_type):
        usual = [k for k in STATE_DICT_KEYS if k in nested]
        if len(nested) > 1 and not usual:
            held = ", ".join(repr(k) for k in list(nested)[:6])
            raise InvalidArgument(
                "path", f"{_shown(path)} holds several groups of tensors ({held}); none is a model's state dict"
            )
        key = usual[0] if usual else next(iter(nested))
    chosen = loaded if key is None else nested[key]
    if any(not isinstance(k, str) for k in chosen):
        raise InvalidArgument("path", f"{_shown(path)}: the state dict's keys are not all names")
    notes = []
    if key is not None:
        others = ", ".join(repr(k) for k in list(loaded)[:7] if k != key)
        notes.append(f"Read the tensors under {key!r}" + (f"; the file also holds {others}." if others else "."))
    if ignored := [k for k, v in chosen.items() if not isinstance(v, tensor_type)]:
        notes.append(f"Left out {len(ignored):,} entries that are not tensors ({', '.join(ignored[:3])}).")
    return _tensors_in(chosen, tensor_type), notes


def _tensors_in(d: dict, tensor_type) -> dict:
    return {k: v for k, v in d.items() if isinstance(v, tensor_type)}


# ---- Keras 3 ---------------------------------------------------------------------------------------------


def _hdf5(path: str) -> WeightFile:
    h5py = _needs("h5py", "a Keras .weights.h5 file")
    f = h5py.File(path, "r")
    return _keras(path, f, h5py)


def _keras_archive(path: str) -> WeightFile:
    import zipfile

    h5py = _needs("h5py", "a .keras file")
    z = zipfile.ZipFile(path)
    member = z.getinfo("model.weights.h5")
    keep = None
    if member.compress_type == zipfile.ZIP_STORED:
        f = h5py.File(z.open(member), "r")
    else:  # HDF5 seeks; in a compressed member each seek back decompresses from the start
        keep = _extracted(z, member, path)
        f = h5py.File(keep.name, "r")
    wf = _keras(path, f, h5py)
    wf.keep = keep
    wf.notes.append("Read model.weights.h5 inside the .keras archive.")
    if "config.json" in z.namelist() and z.getinfo("config.json").file_size <= MAX_CONFIG:
        wf.activations = _activations(json.loads(z.read("config.json")))
    return wf


MAX_EXTRACT = 2**34  # bytes: a compressed model.weights.h5 is copied out whole, up to 16 GiB


def _extracted(z, member, path: str):
    import shutil
    import tempfile

    if member.file_size > MAX_EXTRACT:
        raise InvalidArgument("path", f"{_shown(path)}: its compressed weights are over {MAX_EXTRACT // 2**30} GiB")
    out = tempfile.NamedTemporaryFile(suffix=".h5")  # removed when closed, or when the process ends
    with z.open(member) as source:
        shutil.copyfileobj(source, out, 2**22)
    out.flush()
    return out


def _activations(config) -> dict[str, tuple[str, str]]:
    """(activation, recurrent_activation) of each recurrent layer in a .keras config, by the layer's name
    (a Bidirectional layer's: its wrapped layer's)."""
    found: dict[str, tuple[str, str]] = {}

    def walk(node, owner: str | None) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, owner)
        elif isinstance(node, dict):
            config = node.get("config")
            if isinstance(config, dict) and node.get("class_name") in ("SimpleRNN", "LSTM", "GRU"):
                act, recurrent = config.get("activation"), config.get("recurrent_activation", "sigmoid")
                if isinstance(act, str) and isinstance(recurrent, str):
                    found.setdefault(owner or str(config.get("name")), (act, recurrent))
            name = (
                config.get("name") if isinstance(config, dict) and node.get("class_name") == "Bidirectional" else None
            )
            for value in node.values():
                walk(value, name if isinstance(name, str) else owner)

    walk(config, None)
    return found


def _keras(path: str, f, h5py) -> WeightFile:
    tensors: list[TensorInfo] = []
    names: dict[str, str] = {}
    skipped: list[str] = []

    def visit(name: str, obj) -> None:
        top = name.split("/")[0]
        if top not in ("layers", "vars"):  # the optimizer's slots, and anything that is not the model's
            if "/" not in name:
                skipped.append(top)
            return
        if isinstance(obj, h5py.Dataset):
            if obj.dtype.kind not in "biufc":
                raise InvalidArgument("path", f"{_shown(path)}: {printable(name)} is not numbers ({obj.dtype})")
            tensors.append(TensorInfo(name, tuple(int(d) for d in obj.shape), str(obj.dtype)))
        elif name.endswith("vars") and isinstance(obj.attrs.get("name"), (str, bytes)):
            value = obj.attrs["name"]
            names[name.removesuffix("vars").rstrip("/")] = value.decode() if isinstance(value, bytes) else value

    f.visititems(visit)
    if "layers" not in f and "model_weights" in f:
        raise InvalidArgument(
            "path", f"{_shown(path)} is a Keras 2 (tf.keras) file; rnncalc reads Keras 3 .weights.h5 and .keras"
        )
    notes = [f"Left out what is not the model's: {', '.join(skipped)}."] if skipped else []
    return WeightFile(path, "keras", tensors, notes, names, _read=lambda name: f[name][()])
