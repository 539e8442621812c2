"""Small readers for JSON values that raise :class:`ProjectError` naming the JSON path."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

from .errors import ProjectError

#: How deeply objects and lists may nest in a project file. A valid file needs about 6 levels
#: (``network.layers[i].weights[r][c]``); the limit keeps every recursive step safe.
MAX_DEPTH = 100


def show(value: Any) -> str:
    """A short rendering of a JSON value for an error message."""
    try:
        text = json.dumps(value, ensure_ascii=False)
        text.encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate: show it escaped, so the message can be printed
        text = json.dumps(value, ensure_ascii=True)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# One small checker per JSON type, alike by design: each names what it expected in its message.


def need_dict(value: Any, path: str) -> dict:
    if not isinstance(value, dict):
        raise ProjectError(path, f"expected an object, got {show(value)}")
    return value


def need_list(value: Any, path: str) -> list:
    if not isinstance(value, list):
        raise ProjectError(path, f"expected a list, got {show(value)}")
    return value


def need_str(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise ProjectError(path, f"expected a non-empty string, got {show(value)}")
    return value


def need_bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise ProjectError(path, f"expected true or false, got {show(value)}")
    return value


def need_int(value: Any, path: str, minimum: int = 1, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        what = "a positive integer" if minimum == 1 else f"an integer ≥ {minimum}"
        raise ProjectError(path, f"expected {what}, got {show(value)}")
    if value < minimum:
        raise ProjectError(path, f"must be at least {minimum}, got {show(value)}")
    if maximum is not None and value > maximum:
        raise ProjectError(path, f"must be at most {maximum}, got {show(value)}")
    return value


def need_number(value: Any, path: str, minimum: float | None = None, maximum: float | None = None) -> float:
    try:
        finite = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    except OverflowError:  # an integer beyond float64
        finite = False
    if not finite:
        raise ProjectError(path, f"expected a finite number, got {show(value)}")
    if minimum is not None and value < minimum:
        raise ProjectError(path, f"must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ProjectError(path, f"must be at most {maximum}, got {value}")
    return float(value)


def need_choice(value: Any, path: str, choices) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ProjectError(path, f"unknown name {show(value)}; expected one of {', '.join(sorted(choices))}")
    return value


def need_matrix(value: Any, path: str, rows: int, cols: int) -> np.ndarray:
    """A ``rows × cols`` matrix of finite numbers (or a reference into the project's array file)."""
    from .array_store import is_reference, lookup

    if is_reference(value):
        return lookup(value, path, (rows, cols))
    need_list(value, path)
    if len(value) != rows:
        raise ProjectError(path, f"expected {rows} rows (one per unit), got {len(value)}")
    out = np.empty((rows, cols))
    for i, row in enumerate(value):
        out[i] = need_vector(row, f"{path}[{i}]", cols)
    return out


def need_vector(value: Any, path: str, length: int) -> np.ndarray:
    """A list of ``length`` finite numbers (or a reference into the project's array file)."""
    from .array_store import is_reference, lookup

    if is_reference(value):
        return lookup(value, path, (length,))
    need_list(value, path)
    if len(value) != length:
        raise ProjectError(path, f"expected {length} numbers, got {len(value)}")
    out = np.empty(length)
    for j, x in enumerate(value):
        out[j] = need_number(x, f"{path}[{j}]")
    return out


def check_depth(value: Any, root: str = "", limit: int = MAX_DEPTH) -> None:
    """Raise :class:`ProjectError` if objects and lists nest more than ``limit`` levels inside
    ``value``, naming where (the first levels of the path). Iterative: never recurses."""
    if type(value) not in _CONTAINERS:
        return
    todo: list[tuple[Any, int, Any, str]] = [(value, 0, None, "")]  # (value, depth, parent entry, key text): containers only
    while todo:
        entry = todo.pop()
        item, depth = entry[0], entry[1]
        if depth > limit:
            keys = []
            while entry is not None:
                keys.append(entry[3])
                entry = entry[2]
            keys = keys[::-1][:4]
            path = root + "".join(keys)
            raise ProjectError(path.lstrip("."), f"nested more than {limit} levels deep")
        if type(item) is dict:
            todo.extend((v, depth + 1, entry, f".{k}") for k, v in item.items() if type(v) in _CONTAINERS)
        elif any(type(v) in _CONTAINERS for v in item):  # rows of plain numbers end here
            todo.extend((v, depth + 1, entry, f"[{i}]") for i, v in enumerate(item) if type(v) in _CONTAINERS)


_CONTAINERS = (dict, list)
