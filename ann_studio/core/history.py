"""Bounded training history: the per-step losses and the per-epoch records of a run.

A long run must not grow memory without bound (1,000,000 steps of XOR is a few minutes of play),
yet its curves must still look right. Both histories keep the newest stretch *exactly* and thin
what lies before it:

- :class:`StepLosses` keeps the newest :data:`StepLosses.EXACT` losses as they are, and folds
  older ones into buckets of ``bucket`` consecutive steps holding their mean, minimum and maximum
  (the envelope the loss plot draws). When there are too many buckets, neighbours merge and the
  bucket size doubles. Memory stays under ~2.5 MB whatever the length.
- :class:`EpochRecords` keeps the newest :data:`EpochRecords.EXACT` records and every other one of
  the older ones each time the list outgrows its budget.

Both serialise to compact JSON (:meth:`StepLosses.to_json` writes float64 arrays as base64 of
their little-endian bytes: exact, and about 11 characters a value).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import ProjectError


@dataclass
class EpochRecord:
    epoch: int
    step: int
    loss: float
    accuracy: float | None = None
    test_loss: float | None = None
    test_accuracy: float | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def encode_floats(values: np.ndarray) -> str:
    """(n,) float64 → base64 text of its little-endian bytes (exact)."""
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f8").tobytes()).decode("ascii")


def decode_floats(text, path: str, limit: int) -> np.ndarray:
    """The inverse of :func:`encode_floats`; refuses bad text and more than ``limit`` values."""
    if not isinstance(text, str) or len(text) > 12 * limit + 16:
        raise ProjectError(path, "expected base64 text of at most "
                           f"{limit:,} float64 values")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise ProjectError(path, "is not valid base64 text") from None
    if len(raw) % 8:
        raise ProjectError(path, "does not hold whole float64 values")
    values = np.frombuffer(raw, dtype="<f8").astype(float)
    if len(values) > limit:
        raise ProjectError(path, f"holds {len(values):,} values; at most {limit:,} are allowed")
    return values


class _Column:
    """A growable float64 array (amortised O(1) append)."""

    def __init__(self, capacity: int = 256):
        self.data = np.empty(capacity)
        self.n = 0

    @property
    def values(self) -> np.ndarray:
        return self.data[: self.n]

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=float).ravel()
        m = self.n + len(values)
        if m > len(self.data):
            grown = np.empty(max(m, 2 * len(self.data)))
            grown[: self.n] = self.data[: self.n]
            self.data = grown
        self.data[self.n:m] = values
        self.n = m

    def set(self, values) -> None:
        self.n = 0
        self.extend(values)

    def shrink(self, n: int) -> None:
        self.n = max(0, min(self.n, n))
        if len(self.data) > 4 * max(self.n, 256):  # give memory back after a big rewind
            self.data = self.data[: max(2 * self.n, 256)].copy()


class StepLosses:
    """The loss of every step, bounded (see the module docstring). Reads like a list of floats:
    ``len()``, ``[-1]``, slices and iteration; a value in the folded part reads as its bucket's
    mean. :attr:`revision` changes whenever values change other than by appending.

    Layout: ``n_buckets`` full buckets of ``bucket`` steps (mean, min, max), then one partial
    bucket of ``partial_n < bucket`` steps (its sum, min, max), then the exact losses. Folding
    moves the oldest exact losses through the partial bucket, so any surplus can be folded
    whatever the bucket size.
    """

    EXACT = 2**16  # the newest losses kept exactly (at least this many)
    MAX_BUCKETS = 2**14

    def __init__(self, values=()):
        self._tail = _Column()
        self.bucket = 1
        self._mean, self._min, self._max = _Column(), _Column(), _Column()
        self._partial = [0.0, np.inf, -np.inf, 0]  # sum, min, max, count
        self.revision = 0
        self.extend(values)

    # ------------------------------------------------------------------ reading

    @property
    def _tail_start(self) -> int:
        return self._mean.n * self.bucket + self._partial[3]

    def __len__(self) -> int:
        return self._tail_start + self._tail.n

    @property
    def exact_from(self) -> int:
        """The first step (0-based) whose loss is kept exactly."""
        return self._tail_start

    def _partial_mean(self) -> float:
        total, _, _, n = self._partial
        return total / n if n else 0.0

    def values(self) -> np.ndarray:
        """(len,) every step's loss (folded steps read as their bucket mean). O(len): not per frame."""
        folded = np.repeat(self._mean.values, self.bucket)
        partial = np.full(self._partial[3], self._partial_mean())
        return np.concatenate([folded, partial, self._tail.values])

    def tail(self, n: int) -> np.ndarray:
        """The newest ``n`` losses (exact where kept)."""
        n = max(0, min(n, len(self)))
        if n <= self._tail.n:
            return self._tail.values[self._tail.n - n:].copy()
        return self.values()[len(self) - n:]

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, stride = index.indices(len(self))
            begin = self._tail_start
            if start >= begin and stride == 1:
                return list(self._tail.values[start - begin:max(start, stop) - begin])
            return list(self.values()[index])
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("step loss index out of range")
        if i >= self._tail_start:
            return float(self._tail.data[i - self._tail_start])
        if i >= self._mean.n * self.bucket:
            return self._partial_mean()
        return float(self._mean.data[i // self.bucket])

    def __iter__(self):
        return iter(self.values().tolist())

    def __eq__(self, other) -> bool:
        if isinstance(other, StepLosses):
            other = other.values()
        try:
            return len(self) == len(other) and bool(np.array_equal(self.values(), np.asarray(other, dtype=float)))
        except TypeError:
            return NotImplemented

    def __bool__(self) -> bool:
        return len(self) > 0

    def envelope(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(steps, mean, low, high)`` of the folded part: one entry per bucket (the partial one
        last), at its first step (1-based). Together with :meth:`exact` this is what a plot draws."""
        steps = 1.0 + self.bucket * np.arange(self._mean.n, dtype=float)
        mean, low, high = self._mean.values, self._min.values, self._max.values
        if self._partial[3]:
            _, lo, hi, _ = self._partial
            steps = np.append(steps, 1.0 + self._mean.n * self.bucket)
            mean, low, high = np.append(mean, self._partial_mean()), np.append(low, lo), np.append(high, hi)
        return steps, mean, low, high

    def exact(self) -> tuple[np.ndarray, np.ndarray]:
        """``(steps, losses)`` of the exact part (steps 1-based)."""
        steps = np.arange(self._tail_start + 1, len(self) + 1, dtype=float)
        return steps, self._tail.values

    def nbytes(self) -> int:
        return sum(len(c.data) * 8 for c in (self._tail, self._mean, self._min, self._max))

    # ------------------------------------------------------------------ writing

    def append(self, value: float) -> None:
        t = self._tail
        if t.n == len(t.data):
            grown = np.empty(2 * len(t.data))
            grown[: t.n] = t.data[: t.n]
            t.data = grown
        t.data[t.n] = value
        t.n += 1
        if t.n > 2 * self.EXACT:
            self._fold()

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=float).ravel()
        while len(values):
            room = max(2 * self.EXACT - self._tail.n, 1)
            self._tail.extend(values[:room])
            values = values[room:]
            if self._tail.n > 2 * self.EXACT:
                self._fold()

    def truncate(self, n: int) -> None:
        """Keep the first ``n`` steps (a rewind). Cutting into the folded part keeps the cut
        bucket's steps as its mean (their exact values were already thinned away)."""
        if n >= len(self):
            return
        self.revision += 1
        n = max(0, n)
        if n >= self._tail_start:
            self._tail.shrink(n - self._tail_start)
            return
        self._tail.set(())
        full = self._mean.n * self.bucket
        if n >= full:  # inside the partial bucket
            total, lo, hi, count = self._partial
            self._partial = [total / count * (n - full), lo, hi, n - full]
            return
        k, r = divmod(n, self.bucket)
        stats = (float(self._mean.data[k]), float(self._min.data[k]), float(self._max.data[k]))
        for column in (self._mean, self._min, self._max):
            column.shrink(k)
        self._partial = [stats[0] * r, stats[1], stats[2], r] if r else [0.0, np.inf, -np.inf, 0]

    def __delitem__(self, index) -> None:
        if not (isinstance(index, slice) and index.stop is None and index.step is None):
            raise TypeError("only a rewind (del losses[n:]) can remove step losses")
        self.truncate(index.indices(len(self))[0])

    def _fold(self) -> None:
        """Fold the oldest exact losses (all but EXACT) into the partial bucket and full buckets."""
        count = self._tail.n - self.EXACT
        if count <= 0:
            return
        values = self._tail.values[:count]
        rest = self._tail.values[count:].copy()
        b = self.bucket
        total, lo, hi, n = self._partial
        fill = min(b - n, len(values))
        head, values = values[:fill], values[fill:]
        if fill:
            total, lo, hi, n = total + float(head.sum()), min(lo, float(head.min())), max(hi, float(head.max())), n + fill
        if n == b:
            self._push_bucket(total / b, lo, hi)
            total, lo, hi, n = 0.0, np.inf, -np.inf, 0
        full = (len(values) // b) * b
        if full:
            blocks = values[:full].reshape(-1, b)
            self._mean.extend(blocks.mean(axis=1))
            self._min.extend(blocks.min(axis=1))
            self._max.extend(blocks.max(axis=1))
        left = values[full:]
        if len(left):
            total, lo, hi, n = float(left.sum()), float(left.min()), float(left.max()), len(left)
        self._partial = [total, lo, hi, n]
        self._tail.set(rest)
        self.revision += 1
        while self._mean.n > self.MAX_BUCKETS:
            self._merge_buckets()

    def _push_bucket(self, mean: float, lo: float, hi: float) -> None:
        self._mean.extend((mean,))
        self._min.extend((lo,))
        self._max.extend((hi,))

    def _merge_buckets(self) -> None:
        b = self.bucket
        if self._mean.n % 2:  # the odd bucket out joins the partial one (which stays < 2b)
            mean, lo, hi = self._mean.values[-1], self._min.values[-1], self._max.values[-1]
            for column in (self._mean, self._min, self._max):
                column.shrink(column.n - 1)
            total, plo, phi, n = self._partial
            self._partial = [total + mean * b, min(lo, plo), max(hi, phi), n + b]
        self._mean.set(self._mean.values.reshape(-1, 2).mean(axis=1))
        self._min.set(self._min.values.reshape(-1, 2).min(axis=1))
        self._max.set(self._max.values.reshape(-1, 2).max(axis=1))
        self.bucket = 2 * b

    # ------------------------------------------------------------------ file

    def to_json(self) -> dict:
        total, lo, hi, n = self._partial
        return {"count": len(self), "bucket": self.bucket, "exact_from": self._tail_start,
                "mean": encode_floats(self._mean.values), "min": encode_floats(self._min.values),
                "max": encode_floats(self._max.values),
                "partial": [total, lo, hi, n] if n else None, "exact": encode_floats(self._tail.values)}

    @classmethod
    def from_json(cls, obj, path: str) -> StepLosses:
        from . import jsonpath as jp

        jp.need_dict(obj, path)
        out = cls()
        bucket = jp.need_int(obj.get("bucket", 1), f"{path}.bucket", 1, 2**40)
        if bucket & (bucket - 1):
            raise ProjectError(f"{path}.bucket", "must be a power of two")
        start = jp.need_int(obj.get("exact_from", 0), f"{path}.exact_from", 0, 2**62)
        columns = [decode_floats(obj.get(k, ""), f"{path}.{k}", cls.MAX_BUCKETS + 1) for k in ("mean", "min", "max")]
        exact = decode_floats(obj.get("exact", ""), f"{path}.exact", 4 * cls.EXACT)
        partial = [0.0, np.inf, -np.inf, 0]
        if obj.get("partial") is not None:
            raw = jp.need_list(obj["partial"], f"{path}.partial")
            if len(raw) != 4:
                raise ProjectError(f"{path}.partial", "expected [sum, min, max, count]")
            count = jp.need_int(raw[3], f"{path}.partial[3]", 0, bucket - 1 if bucket > 1 else 0)
            partial = [jp.need_number(raw[0], f"{path}.partial[0]"), jp.need_number(raw[1], f"{path}.partial[1]"),
                       jp.need_number(raw[2], f"{path}.partial[2]"), count]
        if len({len(c) for c in columns}) != 1 or len(columns[0]) * bucket + partial[3] != start:
            raise ProjectError(path, "the folded losses do not fit their bucket size")
        if "count" in obj and jp.need_int(obj["count"], f"{path}.count", 0) != start + len(exact):
            raise ProjectError(f"{path}.count", "does not match the losses stored")
        out.bucket = bucket
        out._mean.set(columns[0])
        out._min.set(columns[1])
        out._max.set(columns[2])
        out._partial = partial
        out._tail.set(exact)
        if out._tail.n > 2 * cls.EXACT:  # (a file may hold more exact losses than this version keeps)
            out._fold()
        while out._mean.n > cls.MAX_BUCKETS:
            out._merge_buckets()
        return out


class EpochRecords:
    """The per-epoch records, bounded: the newest :data:`EXACT` exactly, older ones thinned (every
    other one dropped each time the list outgrows ``2 × EXACT``). Reads like a list of
    :class:`EpochRecord`; :attr:`revision` changes whenever records change other than by appending."""

    EXACT = 4096

    def __init__(self, records=()):
        self._items: list[EpochRecord] = []
        self.revision = 0
        for record in records:
            self.append(record)

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):
        return self._items[index]

    def __iter__(self):
        return iter(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __eq__(self, other) -> bool:
        return list(self._items) == list(other)

    def append(self, record: EpochRecord) -> None:
        self._items.append(record)
        if len(self._items) > 2 * self.EXACT:
            older, newer = self._items[:-self.EXACT], self._items[-self.EXACT:]
            self._items = older[1::2] + newer
            self.revision += 1

    def extend(self, records) -> None:
        for record in records:
            self.append(record)

    def truncate_to_epoch(self, epoch: int) -> None:
        """Keep the records of epochs ``≤ epoch`` (a rewind)."""
        if self._items and self._items[-1].epoch > epoch:
            self._items = [r for r in self._items if r.epoch <= epoch]
            self.revision += 1

    def to_json(self) -> list[dict]:
        return [r.as_dict() for r in self._items]

    @classmethod
    def from_json(cls, obj, path: str) -> EpochRecords:
        from . import jsonpath as jp

        if not isinstance(obj, list):
            raise ProjectError(path, "expected a list of epoch records")
        out = cls()
        for i, item in enumerate(obj):
            where = f"{path}[{i}]"
            jp.need_dict(item, where)
            fields: dict[str, Any] = {"epoch": jp.need_int(item.get("epoch"), f"{where}.epoch", 0),
                      "step": jp.need_int(item.get("step"), f"{where}.step", 0),
                      "loss": jp.need_number(item.get("loss"), f"{where}.loss")}
            for key in ("accuracy", "test_loss", "test_accuracy"):
                if item.get(key) is not None:
                    fields[key] = jp.need_number(item[key], f"{where}.{key}")
            out._items.append(EpochRecord(**fields))
        return out
