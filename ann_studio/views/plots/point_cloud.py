"""Drawing many data points quickly: a scatter of at most :data:`DRAW_LIMIT` of them.

pyqtgraph draws each point of a ``ScatterPlotItem`` as its own symbol and brush: 100,000 points
took 10 s, a million 102 s on the GUI thread. Large sets are thinned to an evenly spaced subset
(every k-th point, so each class keeps its share), which looks the same at panel size; the
panels say how many points they show.
"""

from __future__ import annotations

import numpy as np

from . import style

#: scatter at most this many points per item (~20 ms to set up)
DRAW_LIMIT = 2500


def bounds(*parts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column-wise (min, max) over the non-empty (N, d) ``parts``, one column at a time (a
    reduction over axis 0 of a narrow matrix is ~15× slower: 40 ms for a million rows)."""
    parts = tuple(p for p in parts if len(p))
    width = parts[0].shape[1]
    lo = np.array([min(float(p[:, j].min()) for p in parts) for j in range(width)])
    hi = np.array([max(float(p[:, j].max()) for p in parts) for j in range(width)])
    return lo, hi


def thinned_indices(n: int, limit: int = DRAW_LIMIT) -> np.ndarray | None:
    """Indices of an evenly spaced subset of ``n`` points, or None when all ``n`` are drawn."""
    if n <= limit:
        return None
    return np.linspace(0, n - 1, limit).round().astype(np.intp)


def set_class_points(item, xy: np.ndarray, labels: np.ndarray | None, n_classes: int) -> int:
    """Show ``xy`` (N, 2) in the scatter ``item``, coloured by class ``labels`` (None or
    ``n_classes`` 0: one grey), thinned to :data:`DRAW_LIMIT`. Returns how many are drawn."""
    index = thinned_indices(len(xy))
    if index is not None:
        xy = xy[index]
        labels = None if labels is None else labels[index]
    if n_classes and labels is not None:
        palette = [style.brush(c) for c in range(n_classes)]
        brushes = [palette[int(c) % n_classes] for c in labels]
    else:
        brushes = [style.brush("#444444")] * len(xy)
    item.setData(pos=xy, brush=brushes)
    return len(xy)
