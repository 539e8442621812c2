"""Python source text for numbers, arrays and names, exact to the last bit of float64.

``repr`` of a Python float is the shortest text that reads back as the same float, so an array
written by :func:`array_literal` and evaluated again is bit-for-bit the original.
"""

from __future__ import annotations

import keyword
import re

import numpy as np


def number(value: float) -> str:
    """``0.1`` → ``"0.1"``; exact (shortest round-trip form)."""
    return repr(float(value))


def vector_text(values: np.ndarray) -> str:
    """A 1-D array as ``[a, b, c]``."""
    return "[" + ", ".join(repr(v) for v in np.asarray(values, dtype=float).tolist()) + "]"


def array_literal(a: np.ndarray, indent: int = 0, call: str = "np.array", args: str = "") -> str:
    """A 1-D or 2-D float array as ``np.array([...])`` source text, one row per line; ``args`` is
    appended to the call (e.g. ``", dtype=torch.float64"``)."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 1:
        return f"{call}({vector_text(a)}{args})"
    if a.shape[0] == 0:
        return f"{call}(np.empty((0, {a.shape[1]})){args})"
    pad = " " * (indent + 4)
    rows = ",\n".join(pad + vector_text(row) for row in a)
    return f"{call}([\n{rows},\n{' ' * indent}]{args})"


_RESERVED = {
    # names used by the generated scripts, and nn.Module attributes a layer must not shadow
    "x", "y", "self", "np", "torch", "nn", "F", "super", "forward", "train", "eval", "training",
    "to", "cpu", "cuda", "double", "float", "half", "type", "apply", "parameters", "buffers",
    "children", "modules", "state_dict", "load_state_dict", "zero_grad", "requires_grad_",
    "named_parameters", "named_modules", "named_children", "register_buffer", "register_parameter",
    "add_module", "get_submodule", "extra_repr", "dump_patches", "call_super_init", "share_memory",
    "bfloat16", "ipu", "xpu", "mtia", "compile", "load_weights",
}


def identifiers(names: list[str]) -> dict[str, str]:
    """A distinct, valid Python identifier for each layer id (``"hidden 1"`` → ``hidden_1``)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        ident = re.sub(r"\W", "_", name, flags=re.ASCII) or "layer"
        if ident[0].isdigit() or ident.startswith("_"):
            ident = "layer_" + ident.lstrip("_")
        if keyword.iskeyword(ident) or ident in _RESERVED:
            ident += "_layer"
        base, k = ident, 2
        while ident in used:
            ident = f"{base}_{k}"
            k += 1
        used.add(ident)
        out[name] = ident
    return out


def comment_text(text: str) -> str:
    """Text safe inside a triple-quoted docstring or a ``#`` comment (one line)."""
    return " ".join(str(text).replace("\\", "/").replace('"""', "'''").split())
