"""Export the canvas as a PNG (at 2× for sharp slides) or an SVG drawing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter

MARGIN = 30.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


def _source_rect(scene) -> QRectF:
    rect = QRectF()
    for item in scene.items():
        if item.isVisible() and item.parentItem() is None:
            rect = rect.united(item.sceneBoundingRect())
    if rect.isNull():
        rect = QRectF(0, 0, 400, 300)
    return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def render_png(scene, scale: float = 2.0) -> QImage:
    """The whole network drawn on an image (``scale`` pixels per scene unit)."""
    source = _source_rect(scene)
    image = QImage(QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale))),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(scene.backgroundBrush().color())
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), source, Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    return image


def export_image(scene, path: Path) -> None:
    """Write ``path`` as PNG or SVG (by suffix); raises ValueError for other suffixes and OSError
    when the file cannot be written."""
    suffix = path.suffix.lower()
    if suffix == ".png":
        if not render_png(scene).save(str(path), "PNG"):
            raise OSError(_tr("cannot write %1").replace("%1", str(path)))
    elif suffix == ".svg":
        from PySide6.QtSvg import QSvgGenerator

        source = _source_rect(scene)
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(source.size().toSize())
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(_tr("ANN Studio network"))
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(_tr("cannot write %1").replace("%1", str(path)))
        scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
        painter.end()
        if not path.exists():
            raise OSError(_tr("cannot write %1").replace("%1", str(path)))
    else:
        raise ValueError(_tr("unknown image type '%1': use .png or .svg").replace("%1", path.suffix))
