"""Plot items that Qt paints without calling back into Python.

pyqtgraph's own items (PlotCurveItem, ImageItem, FillBetweenItem) are Python classes: every paint
and every bounding-rect query during a repaint is a Python call, and ImageItem maps its colours
inside paint. With eight panels live that overhead, not the drawing, was most of a frame
(measured: ~80 % of the repaint time in Python and binding code, ~13 % in Qt's rasteriser).

These items do their work when the data is set (one QPainterPath or one QPixmap) and leave paint
and boundingRect to Qt's C++ QGraphicsPathItem / QGraphicsPixmapItem. They sit in a pyqtgraph
ViewBox like any item; ``opts`` lets a pyqtgraph LegendItem draw their sample.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainterPath, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsPixmapItem, QGraphicsRectItem

from ..plain_text import escape


class PathCurve(QGraphicsPathItem):
    """A polyline (or a filled band) in data coordinates.

    Parameters
    ----------
    pen : QPen
        A cosmetic pen (1 px whatever the zoom).
    name : str, optional
        The legend entry (a PlotItem with a legend adds it when the item is added).
    brush : QBrush, optional
        Fill the path (for :meth:`set_band`).
    """

    def __init__(self, pen, name: str | None = None, brush=None):
        super().__init__()
        self.setPen(pen)
        if brush is not None:
            self.setBrush(brush)
        self.opts = {"pen": pen, "name": name, "antialias": False}
        self.xData = np.zeros(0)
        self.yData = np.zeros(0)
        self._log_y = False
        self._steps = False

    def name(self) -> str | None:
        return self.opts["name"]

    @property
    def log_y(self) -> bool:
        """Whether y is drawn as log₁₀ y."""
        return self._log_y

    def setLogMode(self, _x: bool, y: bool) -> None:  # noqa: N802 - called by PlotItem.setLogMode
        """Draw log₁₀ y (``xData``/``yData`` keep the values)."""
        self._log_y = y
        if self._steps:
            self.set_steps(self.xData, self.yData, self.brush().style() != Qt.BrushStyle.NoBrush)
        else:
            self.setData(self.xData, self.yData)

    def setData(self, x, y) -> None:  # noqa: N802 - pyqtgraph's spelling
        """Draw the points (x, y) joined in order; non-finite points break the line."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        self.xData, self.yData, self._steps = x, y, False
        self._draw(x, y)

    def set_steps(self, edges, counts, fill: bool = False) -> None:
        """A histogram outline: ``counts[i]`` over ``edges[i]..edges[i+1]``, closed down to 0 and
        filled with the brush when ``fill``."""
        edges, counts = np.asarray(edges, dtype=float), np.asarray(counts, dtype=float)
        self.xData, self.yData, self._steps = edges, counts, True
        if len(counts) == 0:
            self.setPath(QPainterPath())
            return
        x = np.repeat(edges, 2)
        y = np.concatenate([[0.0], np.repeat(counts, 2), [0.0]])
        self._draw(x, y)
        if fill:
            path = self.path()
            path.closeSubpath()
            self.setPath(path)

    def _draw(self, x: np.ndarray, y: np.ndarray) -> None:
        if self._log_y:
            with np.errstate(divide="ignore", invalid="ignore"):
                y = np.log10(y)
        if len(x) == 0:
            self.setPath(QPainterPath())
            return
        finite = np.isfinite(x) & np.isfinite(y)
        if finite.all():
            self.setPath(pg.arrayToQPath(x, y, connect="all", finiteCheck=False))
        else:
            self.setPath(pg.arrayToQPath(x, y, connect="finite"))

    def set_band(self, x, low, high) -> None:
        """Fill the band between the curves ``low`` and ``high`` over ``x``."""
        x = np.asarray(x, dtype=float)
        xs = np.concatenate([x, x[::-1]])
        ys = np.concatenate([np.asarray(low, dtype=float), np.asarray(high, dtype=float)[::-1]])
        path = pg.arrayToQPath(xs, ys, connect="finite") if len(xs) else QPainterPath()
        path.closeSubpath()
        self.setPath(path)

    def clear(self) -> None:
        self.setData([], [])


class HintonItem(QGraphicsPathItem):
    """A Hinton diagram of a matrix (as SNNS draws weights): in cell (row i, column j) a square
    whose area is proportional to ``|W[i, j]|``, red for positive and blue for negative, centred
    in the unit cell ``[j, j+1] × [i, i+1]``. Two filled paths, one per sign."""

    def __init__(self, positive: str, negative: str):
        super().__init__()
        self.setPen(pg.mkPen(None))
        self.setBrush(pg.mkBrush(negative))
        self.positive = QGraphicsPathItem(self)
        self.positive.setPen(pg.mkPen(None))
        self.positive.setBrush(pg.mkBrush(positive))
        # a light grey ground over the matrix shows the empty part of each cell
        self.ground = QGraphicsRectItem(self)
        self.ground.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.ground.setPen(pg.mkPen(None))
        self.ground.setBrush(pg.mkBrush("#eeeeee"))
        self.values: np.ndarray | None = None
        self.scale = 1.0

    def set_values(self, values: np.ndarray, scale: float) -> None:
        """Draw ``values`` (rows, columns); a weight of magnitude ``scale`` fills its cell."""
        self.values, self.scale = values, scale
        rows, columns = np.indices(values.shape)
        side = np.sqrt(np.clip(np.abs(values) / max(scale, 1e-300), 0, 1)) * 0.92
        self.ground.setRect(QRectF(0, 0, values.shape[1], values.shape[0]))
        for item, mask in ((self.positive, values > 0), (self, values < 0)):
            item.setPath(_squares(columns[mask] + 0.5, rows[mask] + 0.5, side[mask]))

    def clear(self) -> None:
        self.values = None
        self.setPath(QPainterPath())
        self.positive.setPath(QPainterPath())


def _squares(cx: np.ndarray, cy: np.ndarray, side: np.ndarray) -> QPainterPath:
    """One path of squares centred at (cx, cy) with sides ``side``."""
    h = side / 2
    return _rectangles(cx - h, cx + h, cy - h, cy + h)


def _rectangles(x0: np.ndarray, x1: np.ndarray, y0: np.ndarray, y1: np.ndarray) -> QPainterPath:
    """One path of rectangles [x0, x1] × [y0, y1] (closed polygons joined by ``arrayToQPath``'s
    connect array: 5 corners each, the last not joined to the next rectangle)."""
    if len(x0) == 0:
        return QPainterPath()
    x = np.stack([x0, x1, x1, x0, x0], axis=1).ravel()
    y = np.stack([y0, y0, y1, y1, y0], axis=1).ravel()
    connect = np.ones(len(x), dtype=np.int32)
    connect[4::5] = 0
    return pg.arrayToQPath(x, y, connect=connect, finiteCheck=False)


class BarsItem(QGraphicsPathItem):
    """Bars from 0 to ``height`` at ``x`` in one brush, the flagged ones in another: one path
    each, painted by Qt (BarGraphItem draws its bars one by one in Python, ~20 µs a bar)."""

    def __init__(self, brush, flag_brush, width: float = 0.8):
        super().__init__()
        self.setPen(pg.mkPen(None))
        self.setBrush(brush)
        self.flagged = QGraphicsPathItem(self)
        self.flagged.setPen(pg.mkPen(None))
        self.flagged.setBrush(flag_brush)
        self.width = width
        self.opts = {"x": np.zeros(0), "height": np.zeros(0)}

    def set_bars(self, x: np.ndarray, height: np.ndarray, flags: np.ndarray | None = None) -> None:
        x, height = np.asarray(x, dtype=float), np.nan_to_num(np.asarray(height, dtype=float))
        self.opts = {"x": x, "height": height}
        flags = np.zeros(len(x), dtype=bool) if flags is None else flags
        zero, h = np.zeros(len(x)), self.width / 2
        for item, mask in ((self, ~flags), (self.flagged, flags)):
            item.setPath(_rectangles(x[mask] - h, x[mask] + h, np.minimum(zero[mask], height[mask]),
                                     np.maximum(zero[mask], height[mask])))


def add_curve(plot: pg.PlotItem, curve: PathCurve) -> PathCurve:
    """Add ``curve`` to ``plot`` and, when it has a name, to the plot's legend."""
    plot.addItem(curve)
    if curve.name() and plot.legend is not None:
        plot.legend.addItem(curve, escape(curve.name()))  # legend labels are HTML; names are plain
    return curve


class RasterImage(QGraphicsPixmapItem):
    """A grid of values shown through a colour lookup table, or an RGB picture, in a rectangle.

    Row 0 of the array is at the top of the rectangle's y range (like ImageItem with
    ``axisOrder="row-major"``: row r covers y from ``top + r·h/rows``).

    Attributes
    ----------
    image : ndarray
        The values last shown (what tests compare with the engine's numbers).
    levels : tuple
        The values mapped to the ends of the lookup table.
    """

    def __init__(self):
        super().__init__()
        self.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
        self.setTransformationMode(Qt.TransformationMode.FastTransformation)
        self.image: np.ndarray | None = None
        self.levels: tuple[float, float] = (0.0, 1.0)
        self.lut: np.ndarray | None = None
        self._rect: QRectF | None = None
        self._buffer: np.ndarray | None = None

    def set_values(self, values: np.ndarray, levels: tuple[float, float], lut: np.ndarray) -> None:
        """Show ``values`` (rows, columns) coloured by ``lut`` (n ≤ 256, 3) over ``levels``."""
        low, high = float(levels[0]), float(levels[1])
        scale = (len(lut) - 1) / max(high - low, 1e-300)
        index = np.nan_to_num((np.asarray(values, dtype=np.float32) - low) * scale, nan=0.0)
        np.clip(index, 0, len(lut) - 1, out=index)
        self.set_indexed(index.astype(np.uint8), lut)
        self.image, self.levels, self.lut = values, (low, high), lut

    def set_indexed(self, index: np.ndarray, lut: np.ndarray) -> None:
        """Show an (rows, columns) uint8 array of indices into ``lut`` (n ≤ 256, 3): Qt maps the
        colours while it converts the picture, no (rows, columns, 3) array is built."""
        index = np.ascontiguousarray(index, dtype=np.uint8)
        self.image = index
        rows, columns = index.shape
        qimage = QImage(index.data, columns, rows, columns, QImage.Format.Format_Indexed8)
        qimage.setColorTable(_color_table(lut))
        self._set_qimage(qimage, index)

    def set_rgb(self, rgb: np.ndarray) -> None:
        """Show an (rows, columns, 3) uint8 picture (the landscape's shaded relief)."""
        rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
        rows, columns = rgb.shape[:2]
        self.image = rgb
        self._set_qimage(QImage(rgb.data, columns, rows, 3 * columns, QImage.Format.Format_RGB888), rgb)

    def _set_qimage(self, qimage: QImage, buffer: np.ndarray) -> None:
        self._buffer = buffer  # the QImage reads this memory until fromImage has copied it
        resized = self.pixmap().width() != qimage.width() or self.pixmap().height() != qimage.height()
        self.setPixmap(QPixmap.fromImage(qimage))
        if resized and self._rect is not None:
            self.set_rect(self._rect)

    def set_rect(self, rect: QRectF) -> None:
        """Stretch the picture over ``rect`` (data coordinates)."""
        self._rect = QRectF(rect)
        pixmap = self.pixmap()
        if pixmap.isNull():
            return
        transform = QTransform()
        transform.translate(rect.left(), rect.top())
        transform.scale(rect.width() / pixmap.width(), rect.height() / pixmap.height())
        self.setTransform(transform)

    def clear(self) -> None:
        self.image = None
        self.setPixmap(QPixmap())


_TABLES: dict[int, tuple[np.ndarray, list[int]]] = {}


def _color_table(lut: np.ndarray) -> list[int]:
    """``lut`` (n, 3) as Qt's colour table (0xAARRGGBB ints), cached per array."""
    cached = _TABLES.get(id(lut))
    if cached is None or cached[0] is not lut:
        table = [0xFF000000 | (int(r) << 16) | (int(g) << 8) | int(b) for r, g, b in lut[:, :3]]
        cached = _TABLES[id(lut)] = (lut, table)
    return cached[1]
