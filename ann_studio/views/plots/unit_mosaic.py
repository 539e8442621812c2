"""What every hidden unit computes over the input plane, as one image of small tiles.

TensorFlow Playground shows a thumbnail per hidden unit. Drawn as one ImageItem per unit, 32
thumbnails cost ~9 ms a frame to paint (each item is a Python paint call, its own colour lookup
and its own clip); composed here into one RGB image, the same picture costs one draw. The layer
names are the left axis's ticks, so nothing over the image has to be repainted with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsRectItem

from . import style
from .fast_items import RasterImage

#: tiles per row, the gap between tiles and the extra gap between layers (image pixels)
COLUMNS = 6
GAP = 3
LAYER_GAP = 8
#: the two-class colours in 255 steps and white for the gaps (one 8-bit colour table)
_TABLE = np.vstack([style.TWO_CLASS_LUT[np.linspace(0, 255, 255).round().astype(int)], [[255, 255, 255]]]).astype(np.uint8)
_BACKGROUND = len(_TABLE) - 1


@dataclass(frozen=True)
class Tile:
    layer: int  # index in ``net.layers``
    unit: int
    top: int  # image row of the tile's top edge
    left: int  # image column of the tile's left edge


def tile_layout(layers: list[tuple[int, int]], size: int, max_tiles: int) -> tuple[list[Tile], int, int, list]:
    """Place a ``size``-pixel tile per unit of ``layers`` [(layer index, units)], ``COLUMNS`` to a
    row, at most ``max_tiles`` in all. Returns the tiles, the image height and width, and
    (centre row, layer index) for each layer's label."""
    tiles, labels, top = [], [], GAP
    for index, units in layers:
        shown = min(units, max_tiles - len(tiles))
        if shown <= 0:
            break
        rows = -(-shown // COLUMNS)
        for unit in range(shown):
            r, c = divmod(unit, COLUMNS)
            tiles.append(Tile(index, unit, top + r * (size + GAP), GAP + c * (size + GAP)))
        labels.append((top + (rows * (size + GAP) - GAP) / 2, index))
        top += rows * (size + GAP) + LAYER_GAP
    width = GAP + COLUMNS * (size + GAP)
    return tiles, max(top - LAYER_GAP + GAP, 1), width, labels


class UnitMosaic:
    """A plot showing one tile per hidden unit; ``tile_at`` finds the unit under a scene point.

    Parameters
    ----------
    plot : pg.PlotItem
        Where to draw (its left axis names the layers).
    size : int
        A tile's side in pixels (the grid's values are sampled to it).
    """

    def __init__(self, plot: pg.PlotItem, size: int):
        self.plot, self.size = plot, size
        self.tiles: list[Tile] = []
        self.image = RasterImage()
        plot.addItem(self.image)
        plot.invertY(True)
        plot.setAspectLocked(True)
        plot.hideAxis("bottom")
        plot.getAxis("left").setWidth(60)
        self.outline = QGraphicsRectItem()
        self.outline.setPen(style.pen("#000000", width=2))
        self.outline.setZValue(10)
        self.outline.hide()
        plot.addItem(self.outline)
        self._index = np.zeros((1, 1), dtype=np.uint8)

    def set_layers(self, layers: list[tuple[int, str, int]], max_tiles: int) -> None:
        """Lay out tiles for ``layers`` [(layer index, name, units)]."""
        names = {index: name for index, name, _ in layers}
        self.tiles, height, width, labels = tile_layout([(i, n) for i, _, n in layers], self.size, max_tiles)
        self._index = np.full((height, width), _BACKGROUND, dtype=np.uint8)
        self.plot.getAxis("left").setTicks([[(row, names[index]) for row, index in labels], []])
        self.plot.setRange(xRange=(0, width), yRange=(0, height), padding=0)
        self.plot.disableAutoRange()
        self.outline.hide()
        self._show()

    def update(self, values: np.ndarray, levels: np.ndarray) -> None:
        """Draw tile k's ``values[k]`` (size, size; rows along +y) in the two-class colours,
        ``levels[k] = (low, high)`` mapped to class 0's and class 1's colours."""
        if not self.tiles:
            return
        top = len(_TABLE) - 2  # the last entry is the background
        low, high = levels[:, 0, None, None], levels[:, 1, None, None]
        index = (values[:, ::-1] - low) * (top / np.maximum(high - low, 1e-12))
        np.clip(index, 0, top, out=index)
        index = index.astype(np.uint8)
        s = self.size
        for k, tile in enumerate(self.tiles):
            self._index[tile.top:tile.top + s, tile.left:tile.left + s] = index[k]
        self._show()

    def _show(self) -> None:
        self.image.set_indexed(self._index, _TABLE)

    def tile_at(self, scene_pos) -> Tile | None:
        """The tile under ``scene_pos``, or None."""
        if not self.plot.vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.plot.vb.mapSceneToView(scene_pos)
        for tile in self.tiles:
            if tile.left <= p.x() < tile.left + self.size and tile.top <= p.y() < tile.top + self.size:
                return tile
        return None

    def outline_tile(self, key: tuple[int, int] | None) -> None:
        """Outline the tile of (layer index, unit), or none."""
        tile = next((t for t in self.tiles if (t.layer, t.unit) == key), None)
        if tile is None:
            self.outline.hide()
            return
        self.outline.setRect(QRectF(tile.left - 1, tile.top - 1, self.size + 2, self.size + 2))
        self.outline.show()

    def tile_rgb(self, layer: int, unit: int) -> np.ndarray:
        """The tile's colours as drawn (size, size, 3), top row first (tests)."""
        tile = next(t for t in self.tiles if (t.layer, t.unit) == (layer, unit))
        return _TABLE[self._index[tile.top:tile.top + self.size, tile.left:tile.left + self.size]]
