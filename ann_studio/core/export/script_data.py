"""The data part of an exported script, shared by the NumPy and the PyTorch export: inline array
literals, or a ``.npz`` side file beside the script when the data is large."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .literals import array_literal

#: Above this many data values the data goes to a ``.npz`` file beside the script.
MAX_INLINE_VALUES = 2_000_000

_NAMES = (("TRAIN_INPUTS", "train_inputs"), ("TRAIN_TARGETS", "train_targets"),
          ("TEST_INPUTS", "test_inputs"), ("TEST_TARGETS", "test_targets"))


def sidecar_arrays(trainer, out_path: Path) -> tuple[str | None, dict[str, np.ndarray] | None]:
    """(the side file's name, its arrays) when ``trainer``'s data holds more than
    :data:`MAX_INLINE_VALUES` numbers; ``(None, None)`` when the data is written inline."""
    x, y, tx, ty = trainer.x, trainer.y, trainer.test_x, trainer.test_y
    n_values = x.size + y.size + (0 if tx is None else tx.size + ty.size)
    if n_values <= MAX_INLINE_VALUES:
        return None, None
    arrays = {"train_inputs": x, "train_targets": y}
    if tx is not None:
        arrays.update(test_inputs=tx, test_targets=ty)
    return Path(out_path).with_suffix(".npz").name, arrays


def data_lines(trainer, sidecar: str | None, wrap: str = "{}", literal: dict | None = None) -> list[str]:
    """``TRAIN_INPUTS = …`` … ``TEST_TARGETS = …`` (one row per sample): loaded from ``sidecar``
    (each load wrapped in ``wrap``, e.g. ``"torch.from_numpy({})"``) or as literals
    (``literal``: :func:`array_literal`'s ``call``/``args``)."""
    values = (trainer.x, trainer.y, trainer.test_x, trainer.test_y)
    has_test = trainer.test_x is not None
    if sidecar is not None:
        lines = [f"_DATA = np.load(Path(__file__).with_name({sidecar!r}), allow_pickle=False)"]
        lines += [f"{name} = {wrap.format(f'_DATA[{key!r}]')}" for name, key in _NAMES[: 4 if has_test else 2]]
        no_test = "TEST_INPUTS = TEST_TARGETS = None"
    else:
        lines = [f"{name} = {array_literal(value, 0, **(literal or {}))}"
                 for (name, _key), value in zip(_NAMES[: 4 if has_test else 2], values)]
        no_test = "TEST_INPUTS = TEST_TARGETS = None  # no test set"
    return lines if has_test else [*lines, no_test]
