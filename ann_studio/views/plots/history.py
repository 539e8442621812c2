"""Incremental NumPy mirrors of the trainer's growing history lists (no O(n) copy per frame)."""

from __future__ import annotations

import numpy as np


class GrowingBuffer:
    """A float64 array that mirrors a Python list which mostly grows at the end.

    :meth:`sync` copies only the new tail; if the list shrank (a rewind) or was replaced, the
    buffer is rebuilt. ``values`` is a view of the first ``n`` entries.
    """

    def __init__(self, capacity: int = 1024):
        self._data = np.empty(capacity)
        self._cumsum = np.zeros(capacity + 1)
        self.n = 0
        self._source: int | None = None

    @property
    def values(self) -> np.ndarray:
        """(n,) the mirrored values."""
        return self._data[: self.n]

    def sync(self, source: list[float]) -> bool:
        """Mirror ``source``; returns True when something changed."""
        if id(source) != self._source or len(source) < self.n:
            self._source, self.n = id(source), 0
        m = len(source)
        if m == self.n:
            return False
        if m > len(self._data):
            capacity = max(m, 2 * len(self._data))
            data = np.empty(capacity)
            data[: self.n] = self._data[: self.n]
            cumsum = np.zeros(capacity + 1)
            cumsum[: self.n + 1] = self._cumsum[: self.n + 1]
            self._data, self._cumsum = data, cumsum
        tail = np.asarray(source[self.n:m], dtype=float)
        self._data[self.n:m] = tail
        self._cumsum[self.n + 1:m + 1] = self._cumsum[self.n] + np.cumsum(tail)
        self.n = m
        return True

    def moving_average(self, window: int) -> np.ndarray:
        """(n,) the mean of the last ``window`` values at each index (fewer at the start)."""
        c = self._cumsum[: self.n + 1]
        idx = np.arange(1, self.n + 1)
        lo = np.maximum(idx - window, 0)
        return (c[idx] - c[lo]) / (idx - lo)

    def clear(self) -> None:
        self.n = 0
        self._source = None
