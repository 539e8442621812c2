"""Export: any plot as PNG or SVG (pyqtgraph's exporters), the training history as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton


def _tr(text: str) -> str:
    return QCoreApplication.translate("plots.export", text)


def save_image(item, path: str | Path, width: int | None = None) -> Path:
    """Write ``item`` (a PlotItem, GraphicsLayout or GraphicsScene) as PNG or SVG by the suffix.

    Parameters
    ----------
    item : QGraphicsItem or QGraphicsScene
    path : str or Path
        ``*.svg`` is written as vector graphics, anything else as PNG.
    width : int, optional
        Pixel width of a PNG (the default is the item's size on screen).
    """
    path = Path(path)
    if path.suffix.lower() == ".svg":
        try:
            pg_exporters.SVGExporter(item).export(str(path))
        except ValueError:  # pyqtgraph 0.14 cannot parse some paths Qt 6.11 writes: draw it with Qt
            _render_svg(item, path)
        return path
    else:
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        exporter = pg_exporters.ImageExporter(item)
        if width:
            exporter.parameters()["width"] = int(width)
    exporter.export(str(path))
    return path


def _render_svg(item, path: Path) -> None:
    """Render ``item`` (or a whole scene) into an SVG file with QSvgGenerator."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    scene = item if hasattr(item, "sceneRect") and not hasattr(item, "sceneBoundingRect") else item.scene()
    source = scene.sceneRect() if scene is item else item.sceneBoundingRect()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    painter = QPainter(generator)
    try:
        scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()


def history_rows(trainer) -> list[list]:
    """The training history as rows: ``kind, step, epoch, loss, accuracy, test_loss, test_accuracy``.

    One ``step`` row per optimiser update (its batch loss) and one ``epoch`` row per epoch (the
    whole-set metrics the trainer evaluated).
    """
    rows: list[list] = [["kind", "step", "epoch", "loss", "accuracy", "test_loss", "test_accuracy"]]
    if trainer is None:
        return rows
    spe = trainer.steps_per_epoch()
    for i, loss in enumerate(trainer.step_losses, start=1):
        rows.append(["step", i, (i - 1) // spe, repr(float(loss)), "", "", ""])
    for r in trainer.epoch_records:
        rows.append(["epoch", r.step, r.epoch, repr(float(r.loss)),
                     *("" if v is None else repr(float(v)) for v in (r.accuracy, r.test_loss, r.test_accuracy))])
    return rows


def save_history_csv(trainer, path: str | Path) -> Path:
    """Write :func:`history_rows` to ``path`` (UTF-8, comma separated)."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(history_rows(trainer))
    return path


def export_button(parent, item_getter, csv_trainer_getter=None) -> QToolButton:
    """A tool button with an "Export" menu: PNG, SVG and (optionally) the history as CSV.

    ``item_getter()`` returns what to export; ``csv_trainer_getter()`` the trainer for the CSV.
    """
    button = QToolButton(parent)
    button.setObjectName("export_button")
    button.setText(_tr("Export"))
    button.setToolTip(_tr("Save this plot as an image, or the history as CSV"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)

    def ask(title: str, pattern: str, suffix: str):
        path, _ = QFileDialog.getSaveFileName(parent, title, "", pattern)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path

    def image(suffix: str) -> None:
        pattern = _tr("PNG image (*.png)") if suffix == ".png" else _tr("SVG image (*.svg)")
        path = ask(_tr("Export plot"), pattern, suffix)
        if path:
            save_image(item_getter(), path)

    menu.addAction(_tr("Save as PNG…"), lambda: image(".png")).setObjectName("export_png")
    menu.addAction(_tr("Save as SVG…"), lambda: image(".svg")).setObjectName("export_svg")
    if csv_trainer_getter is not None:
        def history() -> None:
            path = ask(_tr("Export history"), _tr("CSV file (*.csv)"), ".csv")
            if path:
                save_history_csv(csv_trainer_getter(), path)

        menu.addAction(_tr("Save history as CSV…"), history).setObjectName("export_csv")
    button.setMenu(menu)
    return button
