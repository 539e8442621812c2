"""A trainer's data set in shared memory, for the training worker process (Qt-free).

The window's arrays (inputs, targets, test inputs, test targets) are copied once into one
``multiprocessing.shared_memory`` segment; the worker maps the same pages and trains on them
directly. Nothing is pickled and there is no size limit: MNIST's 376 MB of inputs cost one
memory copy, done in a background thread (NumPy's copy releases the GIL) so the window keeps
painting meanwhile.

Who cleans up: the window owns every segment (:class:`SharedDataset`). It unlinks it when the
data set changes, when the session that used it closes, when the worker dies and at exit; the
worker only maps and unmaps. Should the window itself be killed, Python's resource tracker (a
small process that outlives it) unlinks what is left. Segment names start with :data:`PREFIX`
and the window's process id, so tests can check ``/dev/shm`` for leaks.
"""

from __future__ import annotations

import itertools
import os
import threading
import weakref
from multiprocessing import shared_memory

import numpy as np

#: every segment's name starts with this (then the window's process id and a counter)
PREFIX = "ann_studio_"
#: each array starts on a multiple of this many bytes in the segment (cache lines, SIMD loads)
ALIGN = 64
#: the background copy goes this many bytes at a time, checking between chunks whether the
#: segment was released meanwhile (so a release waits at most for one chunk)
CHUNK_BYTES = 16 * 2**20

_counter = itertools.count(1)


def layout(arrays) -> tuple[list, int]:
    """Where each array goes in the segment: ``[(offset, shape, dtype) or None, ...]`` and the
    segment's size in bytes (at least 1)."""
    places, offset = [], 0
    for a in arrays:
        if a is None:
            places.append(None)
            continue
        offset = -(-offset // ALIGN) * ALIGN
        places.append((offset, tuple(a.shape), a.dtype.str))
        offset += a.nbytes
    return places, max(offset, 1)


class SharedDataset:
    """The window's copy of ``arrays`` in a new shared-memory segment (the owner's side).

    Call :meth:`start_copy` (background) or :meth:`copy` (now); :attr:`ready` says when the
    worker may map it (:meth:`descriptor`); :meth:`release` unlinks it.
    """

    def __init__(self, arrays):
        arrays = tuple(None if a is None else np.ascontiguousarray(a) for a in arrays)
        self.places, size = layout(arrays)
        self.name = f"{PREFIX}{os.getpid()}_{next(_counter)}"
        self._shm: shared_memory.SharedMemory | None = shared_memory.SharedMemory(self.name, create=True, size=size)
        # weak references: the segment stands for these very arrays while they live (a data set
        # is never changed in place: new data builds new arrays)
        self._sources = tuple(None if a is None else weakref.ref(a) for a in arrays)
        self._pending = arrays  # dropped once copied
        self._lock = threading.Lock()
        self._copied = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: str | None = None

    def holds(self, arrays) -> bool:
        """Whether this segment holds exactly these array objects."""
        return len(arrays) == len(self._sources) and all(
            (a is None and ref is None) or (a is not None and ref is not None and ref() is a)
            for a, ref in zip(arrays, self._sources))

    @property
    def ready(self) -> bool:
        return self._copied.is_set() and self.error is None and self._shm is not None

    @property
    def nbytes(self) -> int:
        return 0 if self._shm is None else self._shm.size

    def start_copy(self) -> None:
        """Copy the arrays in on a background thread."""
        if self._thread is None and not self._copied.is_set():
            self._thread = threading.Thread(target=self.copy, name="ann-studio-share-data", daemon=True)
            self._thread.start()

    def copy(self) -> None:
        """Copy the arrays into the segment (in chunks; stops early if released)."""
        try:
            for a, place in zip(self._pending or (), self.places):
                if a is None:
                    continue
                flat_src = a.reshape(-1).view(np.uint8) if a.size else np.empty(0, np.uint8)
                for start in range(0, len(flat_src), CHUNK_BYTES):
                    with self._lock:
                        if self._shm is None:
                            return
                        end = min(start + CHUNK_BYTES, len(flat_src))
                        target = np.ndarray((end - start,), np.uint8, self._shm.buf, place[0] + start)
                        np.copyto(target, flat_src[start:end])
                        del target
        except Exception as exc:  # noqa: BLE001 - e.g. /dev/shm full (SIGBUS is not catchable)
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._pending = None
            self._copied.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the copy is done; whether it is ready."""
        if self._thread is None and not self._copied.is_set():
            self.copy()
        self._copied.wait(timeout)
        return self.ready

    def descriptor(self) -> dict:
        """What the worker needs to map the arrays (:func:`attach`)."""
        return {"name": self.name, "arrays": self.places}

    def release(self) -> None:
        """Unlink the segment (the worker's mapping, if any, stays valid until it unmaps)."""
        with self._lock:
            shm, self._shm = self._shm, None
        if self._thread is not None:
            self._thread.join()
        if shm is None:
            return
        shm.close()
        try:
            shm.unlink()
        except FileNotFoundError:
            pass


class AttachedDataset:
    """The worker's read-only view of a :class:`SharedDataset` (:attr:`arrays`)."""

    def __init__(self, descriptor: dict):
        self._shm = shared_memory.SharedMemory(descriptor["name"])
        arrays = []
        for place in descriptor["arrays"]:
            if place is None:
                arrays.append(None)
                continue
            offset, shape, dtype = place
            a = np.ndarray(shape, np.dtype(dtype), self._shm.buf, offset)
            a.flags.writeable = False
            arrays.append(a)
        self.arrays: tuple | None = tuple(arrays)

    def close(self) -> None:
        """Unmap (every array taken from :attr:`arrays` must be gone by now)."""
        self.arrays = None
        if self._shm is not None:
            try:
                self._shm.close()
            except BufferError:  # a view still lives somewhere: the mapping goes with it
                pass
            self._shm = None


def leftover_segments(pid: int | None = None) -> list[str]:
    """Names of this process's (or ``pid``'s) segments still in ``/dev/shm`` (tests)."""
    prefix = f"{PREFIX}{pid or os.getpid()}_"
    try:
        return sorted(name for name in os.listdir("/dev/shm") if name.startswith(prefix))
    except FileNotFoundError:
        return []
