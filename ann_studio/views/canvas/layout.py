"""Automatic left-to-right layout: each layer goes in the column after its deepest input, and
layers of a column are ordered by where their inputs are (fewer crossings), centred vertically."""

from __future__ import annotations

from ...core import NetworkSpec

COLUMN_GAP = 110.0
ROW_GAP = 44.0


def layer_depths(spec: NetworkSpec) -> dict[str, int]:
    """Longest path from an input layer (cycles and unknown inputs are tolerated)."""
    by_id = {layer.id: layer for layer in spec.layers}
    depth: dict[str, int] = {}
    visiting: set[str] = set()

    def visit(layer_id: str) -> int:
        if layer_id in depth:
            return depth[layer_id]
        if layer_id in visiting:
            return 0
        visiting.add(layer_id)
        sources = [src for src in by_id[layer_id].inputs if src in by_id]
        depth[layer_id] = 1 + max((visit(src) for src in sources), default=-1)
        visiting.discard(layer_id)
        return depth[layer_id]

    for layer in spec.layers:
        visit(layer.id)
    return depth


def auto_layout(spec: NetworkSpec, sizes: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Top-left positions for every layer.

    Parameters
    ----------
    spec : NetworkSpec
    sizes : dict
        ``{layer_id: (width, height)}`` of the nodes as drawn now.

    Returns
    -------
    dict
        ``{layer_id: (x, y)}``, columns left to right, each centred on ``y = 0``.
    """
    depth = layer_depths(spec)
    columns: dict[int, list[str]] = {}
    for layer in spec.layers:
        columns.setdefault(depth[layer.id], []).append(layer.id)
    width = max((w for w, _h in sizes.values()), default=160.0)
    centre: dict[str, float] = {}
    out: dict[str, tuple[float, float]] = {}
    by_id = {layer.id: layer for layer in spec.layers}
    for d in sorted(columns):
        ids = columns[d]
        order = {lid: k for k, lid in enumerate(ids)}

        def key(lid: str, order=order) -> tuple[float, int]:
            ys = [centre[src] for src in by_id[lid].inputs if src in centre]
            return (sum(ys) / len(ys) if ys else 0.0, order[lid])

        ids = sorted(ids, key=key) if d else ids
        total = sum(sizes[lid][1] for lid in ids) + ROW_GAP * (len(ids) - 1)
        y = -total / 2
        for lid in ids:
            h = sizes[lid][1]
            out[lid] = (d * (width + COLUMN_GAP), round(y, 1))
            centre[lid] = y + h / 2
            y += h + ROW_GAP
    return out
