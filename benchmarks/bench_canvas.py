"""Canvas benchmark: a network of 200 layer nodes and 400 edges.

Prints the time to build the scene from the document and the median time to repaint the view
after a pan or a zoom (target: ≤ 16 ms per frame). Run as a script::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_canvas.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from ann_studio.core import LayerSpec, NetworkSpec, Project
from ann_studio.document.project_document import ProjectDocument
from ann_studio.views.canvas.scene import CanvasScene
from ann_studio.views.canvas.view import CanvasView

N_LAYERS, N_EDGES, FRAMES = 200, 400, 60


def big_network() -> NetworkSpec:
    """200 layers in 20 columns of 10; each dense layer takes 2 or 3 inputs from earlier columns
    (400 edges in all)."""
    layers = [LayerSpec(f"in{r}", "input", 4) for r in range(10)]
    edges = 0
    for k in range(10, N_LAYERS):
        col, row = divmod(k, 10)
        inputs = [f"L{(col - 1) * 10 + (row + d) % 10}" if col > 1 else f"in{(row + d) % 10}" for d in range(2)]
        layers.append(LayerSpec(f"L{k}", "dense", 4, "sigmoid", inputs))
        edges += 2
    extra = N_EDGES - edges
    for k in range(20, 20 + extra):
        layer = layers[k]
        col, row = divmod(k, 10)
        src = f"L{(col - 2) * 10 + (row + 5) % 10}" if col > 2 else f"in{(row + 5) % 10}"
        if src not in layer.inputs:
            layer.inputs.append(src)
    return NetworkSpec(layers, layers[-1].id)


def timed(fn) -> tuple[float, float]:
    """(wall, thread CPU) milliseconds of one call: CPU time is steadier on a shared machine."""
    w, c = time.perf_counter(), time.thread_time()
    fn()
    return (time.perf_counter() - w) * 1000, (time.thread_time() - c) * 1000


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    spec = big_network()
    n_edges = sum(len(layer.inputs) for layer in spec.layers)
    document = ProjectDocument(Project(spec))
    t0 = time.perf_counter()
    scene = CanvasScene(document)
    build = time.perf_counter() - t0
    view = CanvasView(scene)
    view.resize(1400, 900)
    view.show()
    app.processEvents()
    view.fit_view()
    view.zoom_by(2.0)
    app.processEvents()
    pans, zooms = [], []
    for frame in range(FRAMES):
        if frame % 2:
            view.pan(37, -23 if frame % 4 == 1 else 23)
        else:
            view.zoom_by(1.1 if frame % 4 == 0 else 1 / 1.1)
        (pans if frame % 2 else zooms).append(timed(view.viewport().repaint))
    view.resetTransform()
    view.centerOn(scene.nodes["L105"])
    detailed = []
    for frame in range(20):
        view.pan(23 if frame % 2 else -23, 11)
        detailed.append(timed(view.viewport().repaint))
    view.fit_view()
    whole = [timed(view.viewport().repaint) for _ in range(10)]
    both = pans + zooms
    print(f"layers: {len(spec.layers)}, edges: {n_edges}")
    print(f"scene build from the document: {build * 1000:.1f} ms")
    print("repaint times, median wall ms (median CPU ms of the GUI thread); target ≤ 16 ms:")
    for name, series in (("pan/zoom, half the network in view", both), ("  of which pans", pans),
                         ("  of which zooms", zooms), ("pan at 100 % zoom (full detail)", detailed),
                         ("whole network in view", whole)):
        print(f"  {name:38s} {statistics.median(w for w, _c in series):6.2f}"
              f" ({statistics.median(c for _w, c in series):6.2f})")
    cpu = statistics.median(c for _w, c in both)
    return 0 if cpu <= 16 else 1


if __name__ == "__main__":
    sys.exit(main())
