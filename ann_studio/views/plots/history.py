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
        self._append(np.asarray(source[self.n:m], dtype=float))
        return True

    def extend(self, values: list[float]) -> None:
        """Append ``values`` (a buffer used on its own, not mirroring a list)."""
        self._source = None
        self._append(np.asarray(values, dtype=float))

    def _append(self, tail: np.ndarray) -> None:
        m = self.n + len(tail)
        if m > len(self._data):
            capacity = max(m, 2 * len(self._data))
            data = np.empty(capacity)
            data[: self.n] = self._data[: self.n]
            cumsum = np.zeros(capacity + 1)
            cumsum[: self.n + 1] = self._cumsum[: self.n + 1]
            self._data, self._cumsum = data, cumsum
        self._data[self.n:m] = tail
        self._cumsum[self.n + 1:m + 1] = self._cumsum[self.n] + np.cumsum(tail)
        self.n = m

    def moving_average(self, window: int) -> np.ndarray:
        """(n,) the mean of the last ``window`` values at each index (fewer at the start)."""
        c = self._cumsum[: self.n + 1]
        idx = np.arange(1, self.n + 1)
        lo = np.maximum(idx - window, 0)
        return (c[idx] - c[lo]) / (idx - lo)

    def clear(self) -> None:
        self.n = 0
        self._source = None


def peak_decimate(x: np.ndarray, y: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray]:
    """At most about ``max_points`` points of the curve (``x``, ``y``) (n,) that keep its peaks.

    Short curves come back unchanged. Longer ones become, per bucket of consecutive points, the
    bucket's minimum and maximum (NaNs ignored) at the bucket's first ``x``; the last partial
    bucket is kept as is, so the newest values are exact. The bucket size is a power of two, so
    the drawn points of the older part stay put while the curve grows (no shimmer, and cheap:
    a frame costs O(n) in NumPy, not O(n) Python or painting work).
    """
    n = len(y)
    if n <= max_points:
        return x, y
    bucket = 1 << int(np.ceil(np.log2(2 * n / max_points)))
    full = (n // bucket) * bucket
    blocks = y[:full].reshape(-1, bucket)
    peaks = np.empty((len(blocks), 2))
    peaks[:, 0] = np.fmin.reduce(blocks, axis=1)
    peaks[:, 1] = np.fmax.reduce(blocks, axis=1)
    starts = x[:full:bucket]
    xs = np.concatenate([np.repeat(starts, 2), x[full:]])
    ys = np.concatenate([peaks.ravel(), y[full:]])
    return xs, ys


def thinned(n: int, max_points: int) -> np.ndarray | slice:
    """Indices of at most about ``max_points`` of ``n`` samples, evenly spaced, always with the
    last one (a slice of everything when ``n`` is small enough)."""
    if n <= max_points:
        return slice(None)
    stride = -(-n // max_points)
    idx = np.arange(0, n, stride)
    return idx if idx[-1] == n - 1 else np.append(idx, n - 1)


class EpochTable:
    """NumPy columns mirroring the trainer's ``epoch_records`` (a list that grows at the end and
    is cut back on a rewind): ``step`` and one column per field, NaN where a record has None.

    :meth:`sync` converts only the new records, so a frame costs O(new epochs), not O(epochs).
    """

    FIELDS = ("loss", "test_loss", "accuracy", "test_accuracy")

    def __init__(self):
        self._records: list = []
        self._columns = {name: GrowingBuffer(64) for name in ("step", *self.FIELDS)}
        self._last = None

    @property
    def n(self) -> int:
        return self._columns["step"].n

    def sync(self, records: list) -> bool:
        """Mirror ``records``; returns True when something changed."""
        n = self.n
        same = records is self._records and len(records) >= n and (n == 0 or records[n - 1] is self._last)
        if not same:
            self._records, n = records, 0
            for column in self._columns.values():
                column.clear()
        if len(records) == n and same:
            return False
        tail = records[n:]
        self._columns["step"].extend([r.step for r in tail])
        for name in self.FIELDS:
            self._columns[name].extend([np.nan if getattr(r, name) is None else getattr(r, name) for r in tail])
        self._last = records[-1] if records else None
        return True

    def column(self, field: str) -> tuple[np.ndarray, np.ndarray]:
        """(steps, values) of the records that have ``field``."""
        values = self._columns[field].values
        keep = ~np.isnan(values)
        return self._columns["step"].values[keep], values[keep]

    def values(self, field: str) -> np.ndarray:
        """(n,) ``field`` of every record, NaN where missing."""
        return self._columns[field].values


class StepMirror:
    """What the loss plot draws of the trainer's bounded :class:`~ann_studio.core.history.StepLosses`:
    the folded part as one point per bucket (its mean, and its min/max envelope), the exact part
    one point per step. Memory is bounded like the history it mirrors (the old GrowingBuffer kept
    16 bytes per step for ever). :meth:`sync` copies only the new exact losses unless the history
    folded or was cut back (its ``revision`` changed).
    """

    def __init__(self):
        self._exact = GrowingBuffer(1024)
        self._exact_from = 0
        self._folded = (np.empty(0), np.empty(0), np.empty(0), np.empty(0))
        self._source: int | None = None
        self._revision = None

    @property
    def n(self) -> int:
        """Steps mirrored."""
        return self._exact_from + self._exact.n

    def sync(self, losses) -> bool:
        """Mirror ``losses`` (a StepLosses); True when something changed."""
        if id(losses) != self._source or losses.revision != self._revision or len(losses) < self.n:
            self._source, self._revision = id(losses), losses.revision
            self._folded = tuple(np.array(a) for a in losses.envelope())
            self._exact_from = losses.exact_from
            self._exact.clear()
            self._exact.extend(losses.exact()[1])
            return True
        if len(losses) == self.n:
            return False
        self._exact.extend(losses.tail(len(losses) - self.n))
        return True

    @property
    def steps(self) -> np.ndarray:
        """(m,) the step (1-based) of each mirrored point: bucket starts, then every exact step."""
        exact = np.arange(self._exact_from + 1, self.n + 1, dtype=float)
        return np.concatenate([self._folded[0], exact])

    @property
    def values(self) -> np.ndarray:
        """(m,) the loss at each point of :attr:`steps` (a bucket's mean in the folded part)."""
        return np.concatenate([self._folded[1], self._exact.values])

    def extremes(self) -> np.ndarray:
        """Every value that bounds the curve (bucket minima and maxima, exact losses)."""
        return np.concatenate([self._folded[2], self._folded[3], self._exact.values])

    def curve(self, max_points: int) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) to draw: the folded envelope as min/max pairs, then the exact part peak-decimated."""
        x_f, _, low, high = self._folded
        pairs = np.empty(2 * len(low))
        pairs[0::2], pairs[1::2] = low, high
        exact_x = np.arange(self._exact_from + 1, self.n + 1, dtype=float)
        x_e, y_e = peak_decimate(exact_x, self._exact.values, max(max_points - len(pairs), 200))
        return np.concatenate([np.repeat(x_f, 2), x_e]), np.concatenate([pairs, y_e])

    def moving_average(self, window: int) -> np.ndarray:
        """(m,) the mean of the last ``window`` points at each point (exact part: steps)."""
        y = self.values
        c = np.concatenate([[0.0], np.cumsum(y)])
        idx = np.arange(1, len(y) + 1)
        lo = np.maximum(idx - window, 0)
        return (c[idx] - c[lo]) / (idx - lo)

    def value_at(self, step: int) -> float:
        """The loss of ``step`` (1-based): exact, or its bucket's mean."""
        if step > self._exact_from:
            return float(self._exact.values[step - self._exact_from - 1])
        x_f, mean = self._folded[0], self._folded[1]
        return float(mean[max(0, np.searchsorted(x_f, step, side="right") - 1)])

    def clear(self) -> None:
        self._exact.clear()
        self._exact_from = 0
        self._folded = (np.empty(0), np.empty(0), np.empty(0), np.empty(0))
        self._source, self._revision = None, None
