"""The data panel (``data_panel``): choose a built-in data set and its parameters, import a file,
preview the data, draw your own points, and toggle engineered input features.

Every change is an undo command (:mod:`ann_studio.document.data_commands`); the panel itself
only mirrors the document's data section.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSlider,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core import AnnError
from ...core.datasets import BUILTINS, FEATURES, builtin, section_for_builtin
from ...core.datasets.synthetic import CURVES
from ...document import data_commands as cmd
from ..class_names import shown_class_names
from ..plain_text import plain
from ..plots import style
from ..plots.digit_image import image_shape_of
from .point_editor import PointEditor
from .registry import PanelSpec

TABLE_ROWS = 200
MOSAIC = 10
#: points can be drawn into data sets of at most this many samples (a drawn point makes the data
#: inline: numbers in the project file and in each undo step)
DRAW_MAX_SAMPLES = 10_000
_SLIDER_STEPS = 100

#: the catalog's titles, descriptions and parameter names (``key`` with ``_`` as a space), shown
#: through ``self.tr(variable)``: marked here for lupdate; ``tests/test_i18n.py`` checks none is missing
CATALOG_TEXTS = (
    QT_TRANSLATE_NOOP("DataPanel", "XOR"),
    QT_TRANSLATE_NOOP("DataPanel", "Exclusive or: 1 when exactly one input is 1. Not linearly separable."),
    QT_TRANSLATE_NOOP("DataPanel", "AND"),
    QT_TRANSLATE_NOOP("DataPanel", "Logical and: 1 only when both inputs are 1."),
    QT_TRANSLATE_NOOP("DataPanel", "OR"),
    QT_TRANSLATE_NOOP("DataPanel", "Logical or: 1 when either input is 1."),
    QT_TRANSLATE_NOOP("DataPanel", "XNOR"),
    QT_TRANSLATE_NOOP("DataPanel", "Equivalence: 1 when both inputs are equal."),
    QT_TRANSLATE_NOOP("DataPanel", "Watermelon 3.0α"),
    QT_TRANSLATE_NOOP("DataPanel", "Zhou Zhihua's 17 watermelons: density and sugar content, good or bad."),
    QT_TRANSLATE_NOOP("DataPanel", "Circles"),
    QT_TRANSLATE_NOOP("DataPanel", "A disc of one class inside a ring of the other."),
    QT_TRANSLATE_NOOP("DataPanel", "Moons"),
    QT_TRANSLATE_NOOP("DataPanel", "Two interlocking half-moons."),
    QT_TRANSLATE_NOOP("DataPanel", "Spirals"),
    QT_TRANSLATE_NOOP("DataPanel", "Interleaved spiral arms, one class per arm."),
    QT_TRANSLATE_NOOP("DataPanel", "Gaussian blobs"),
    QT_TRANSLATE_NOOP("DataPanel", "k round clouds of points, one class per cloud; noise is their spread."),
    QT_TRANSLATE_NOOP("DataPanel", "Checkerboard"),
    QT_TRANSLATE_NOOP("DataPanel", "Squares of alternating class; 2 cells per side is XOR."),
    QT_TRANSLATE_NOOP("DataPanel", "Above or below a curve"),
    QT_TRANSLATE_NOOP("DataPanel", "Points above or below y = f(x)."),
    QT_TRANSLATE_NOOP("DataPanel", "Sine curve"),
    QT_TRANSLATE_NOOP("DataPanel", "Regression: y = sin(π·periods·x) plus noise."),
    QT_TRANSLATE_NOOP("DataPanel", "Plane"),
    QT_TRANSLATE_NOOP("DataPanel", "Regression: y = (x1 + x2) / 2 plus noise."),
    QT_TRANSLATE_NOOP("DataPanel", "Gaussian bump"),
    QT_TRANSLATE_NOOP("DataPanel", "Regression: a smooth hill in the middle of the square."),
    QT_TRANSLATE_NOOP("DataPanel", "Handwritten digits (8×8)"),
    QT_TRANSLATE_NOOP("DataPanel", "1,797 real handwritten digits from the UCI repository."),
    QT_TRANSLATE_NOOP("DataPanel", "samples"),
    QT_TRANSLATE_NOOP("DataPanel", "noise"),
    QT_TRANSLATE_NOOP("DataPanel", "test fraction"),
    QT_TRANSLATE_NOOP("DataPanel", "arms"),
    QT_TRANSLATE_NOOP("DataPanel", "turns"),
    QT_TRANSLATE_NOOP("DataPanel", "k"),
    QT_TRANSLATE_NOOP("DataPanel", "cells"),
    QT_TRANSLATE_NOOP("DataPanel", "curve"),
    QT_TRANSLATE_NOOP("DataPanel", "periods"),
    QT_TRANSLATE_NOOP("DataPanel", "width"),
)


class DataPanel(QWidget):
    """Mirrors ``document.project.data``; edits go through undo commands."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.document = ctx.document
        self.dataset = None
        self._drawing = False  # a point edit is being shown: the editor keeps its axes
        self._param_widgets: dict[str, QWidget] = {}
        self._param_set: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.combo = QComboBox(self)
        self.combo.setObjectName("data_set_combo")
        for name, info in BUILTINS.items():
            self.combo.addItem(self.tr(info.title), name)
        self.combo.addItem(self.tr("Imported or drawn data"), None)
        self.combo.activated.connect(self._on_combo_activated)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setObjectName("data_import")
        self.import_button.setToolTip(self.tr("Load a CSV, IDX (MNIST) or NPZ file"))
        self.import_button.clicked.connect(self._on_import_clicked)
        top.addWidget(self.combo, 1)
        top.addWidget(self.import_button)
        layout.addLayout(top)
        self.description = plain(QLabel(self))
        self.description.setWordWrap(True)
        layout.addWidget(self.description)
        self.params = QFormLayout()
        layout.addLayout(self.params)
        self._build_features(layout)
        self._build_draw_row(layout)
        self.preview = QStackedWidget(self)
        self.editor = PointEditor(self)
        self.editor.point_requested.connect(self._on_point_requested)
        self.editor.removal_requested.connect(self._on_removal_requested)
        self.mosaic = style.graphics_layout()
        self.mosaic_box = self.mosaic.addViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self.mosaic_image = pg.ImageItem(axisOrder="row-major")
        self.mosaic_image.setLookupTable(style.GREY_LUT)
        self.mosaic_box.addItem(self.mosaic_image)
        self.table = QTableWidget(self)
        self.table.setObjectName("data_table")
        for w in (self.editor, self.mosaic, self.table):
            self.preview.addWidget(w)
        self.preview.setMinimumHeight(240)
        layout.addWidget(self.preview, 1)
        self.info = plain(QLabel(self))
        self.info.setObjectName("data_info")
        self.info.setWordWrap(True)
        layout.addWidget(self.info)
        self.document.data_changed.connect(self._on_document_data_changed)
        self.document.project_replaced.connect(self._on_document_data_changed)
        self._on_document_data_changed()

    # ------------------------------------------------------------------ construction

    def _build_features(self, layout) -> None:
        self.features_box = QWidget(self)
        grid = QGridLayout(self.features_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Inputs:"), self.features_box), 0, 0)
        self.feature_checks: dict[str, QCheckBox] = {}
        for n, (token, (label, _f)) in enumerate(FEATURES.items()):
            check = QCheckBox(label, self.features_box)
            check.setObjectName(f"feature_{token}")
            check.setToolTip(self.tr("Feed %1 to the network as an input unit").replace("%1", label))
            check.clicked.connect(lambda on, t=token: self._on_feature_clicked(t, on))
            grid.addWidget(check, n // 4, 1 + n % 4)
            self.feature_checks[token] = check
        layout.addWidget(self.features_box)

    def _build_draw_row(self, layout) -> None:
        row = QHBoxLayout()
        self.draw_class = QComboBox(self)
        self.draw_class.setObjectName("draw_class")
        # as wide as its longest class name in any language (in 中文 it showed "ba" of "第 1 类")
        self.draw_class.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.draw_hint = plain(QLabel(self))
        self.draw_hint.setWordWrap(True)
        row.addWidget(QLabel(self.tr("Draw class:"), self))
        row.addWidget(self.draw_class)
        row.addWidget(self.draw_hint, 1)
        layout.addLayout(row)

    def _clear_params(self) -> None:
        while self.params.rowCount():
            self.params.removeRow(0)
        self._param_widgets.clear()

    def _build_params(self, name: str) -> None:
        self._clear_params()
        info = BUILTINS[name]
        for key, default in info.defaults.items():
            bounds = info.ranges[key]
            if isinstance(default, str):
                w = QComboBox(self)
                for choice in bounds:  # the only text parameter is a curve: shown as its formula
                    w.addItem(CURVES[choice][0] if key == "curve" and choice in CURVES else choice, choice)
                w.currentIndexChanged.connect(lambda _i, k=key, b=w: self._push_param(k, b.currentData()))
            elif isinstance(default, float):
                w = QSlider(Qt.Orientation.Horizontal, self)
                w.setRange(0, _SLIDER_STEPS)
                w.bounds = (bounds[0], min(bounds[1], 1.0 if key != "turns" else bounds[1]))
                w.valueChanged.connect(lambda v, k=key, s=w: self._push_param(k, _slider_value(s, v)))
            else:
                w = QSpinBox(self)
                w.setRange(int(bounds[0]), int(min(bounds[1], 5000)))
                w.setKeyboardTracking(False)
                w.valueChanged.connect(lambda v, k=key: self._push_param(k, int(v)))
            w.setObjectName(f"param_{key}")
            self._param_widgets[key] = w
            self.params.addRow(self.tr(key.replace("_", " ")) + ":", w)
        seed_row = QWidget(self)
        h = QHBoxLayout(seed_row)
        h.setContentsMargins(0, 0, 0, 0)
        seed = QSpinBox(seed_row)
        seed.setObjectName("param_seed")
        seed.setRange(0, 2**31 - 1)
        seed.setKeyboardTracking(False)
        seed.valueChanged.connect(lambda v: self._push_param("seed", int(v)))
        regenerate = QPushButton(self.tr("Regenerate"), seed_row)
        regenerate.setObjectName("data_regenerate")
        regenerate.setToolTip(self.tr("Draw new points with the next seed"))
        regenerate.clicked.connect(lambda: seed.setValue(seed.value() + 1))
        h.addWidget(seed, 1)
        h.addWidget(regenerate)
        self._param_widgets["seed"] = seed
        self.params.addRow(self.tr("seed") + ":", seed_row)
        self._param_set = name

    # ------------------------------------------------------------------ mirroring the document

    @Slot()
    def _on_document_data_changed(self) -> None:
        data = self.document.project.data
        try:
            self.dataset = self.document.dataset()
            error = ""
        except AnnError as exc:
            error = str(exc)
            self.dataset = None  # never draw onto the data that was there before the error
            self.editor.drawing_enabled = False
            self.draw_class.setEnabled(False)
        name = data.get("builtin") if isinstance(data, dict) else None
        self.combo.setCurrentIndex(self.combo.findData(name) if name in BUILTINS else self.combo.count() - 1)
        self.description.setText(self.tr(BUILTINS[name].description) if name in BUILTINS else "")
        if name in BUILTINS:
            if self._param_set != name:
                self._build_params(name)
            self._show_params(data)
        else:
            self._clear_params()
            self._param_set = None
        self._show_features(name, data)
        if self.dataset is not None:
            self._show_preview(self.dataset, data)
        self.info.setText(error or self._summary(self.dataset))
        self.info.setStyleSheet("color: #b2182b;" if error else "")

    def _show_params(self, data: dict) -> None:
        for key, w in self._param_widgets.items():
            value = data.get(key, BUILTINS[data["builtin"]].defaults.get(key, 0))
            blocked = w.blockSignals(True)
            if isinstance(w, QComboBox):
                w.setCurrentIndex(w.findData(value))
            elif isinstance(w, QSlider):
                low, high = w.bounds
                w.setValue(round((float(value) - low) / (high - low) * _SLIDER_STEPS))
                w.setToolTip(f"{float(value):g}")
            else:
                w.setValue(int(value))
            w.blockSignals(blocked)
            if isinstance(w, QSlider):
                self.params.labelForField(w).setText(self.tr(key.replace("_", " ")) + f": {float(value):.2f}")

    def _show_features(self, name, data) -> None:
        usable = name in BUILTINS and BUILTINS[name].accepts_features
        self.features_box.setVisible(usable)
        active = cmd.current_features(data) if usable else []
        for token, check in self.feature_checks.items():
            check.setChecked(token in active)

    def _show_preview(self, dataset, data) -> None:
        if image_shape_of(dataset):
            self._show_mosaic(dataset)
            self.preview.setCurrentWidget(self.mosaic)
        elif dataset.input_size == 2:
            self.editor.show_dataset(dataset, keep_range=self._drawing, names=shown_class_names(self.document, dataset))
            self.preview.setCurrentWidget(self.editor)
        else:
            self._show_table(dataset)
            self.preview.setCurrentWidget(self.table)
        small = dataset.n_train + dataset.n_test <= DRAW_MAX_SAMPLES
        can_draw = (dataset.input_size == 2 and dataset.task == "classification" and small
                    and not (isinstance(data, dict) and data.get("features")))
        self.editor.drawing_enabled = can_draw
        self.draw_class.setEnabled(can_draw)
        names = shown_class_names(self.document, dataset) if can_draw else []
        if [self.draw_class.itemText(i) for i in range(self.draw_class.count())] != names:
            self.draw_class.clear()
            self.draw_class.addItems(names)
        if can_draw:
            self.draw_hint.setText(self.tr("Click the plot to add a point, right-click to remove one."))
        elif dataset.input_size == 2 and dataset.task == "classification" and not small:
            self.draw_hint.setText(self.tr("Drawing works for data sets of up to %1 points.")
                                   .replace("%1", f"{DRAW_MAX_SAMPLES:,}"))
        elif dataset.input_size == 2 and dataset.task == "classification":
            self.draw_hint.setText(self.tr("Turn the extra inputs off to draw points."))
        else:
            self.draw_hint.setText(self.tr("Drawing works for 2-D classification data."))

    def _show_mosaic(self, dataset) -> None:
        rows, cols = image_shape_of(dataset)
        n = min(MOSAIC * MOSAIC, dataset.n_train)
        tiles = np.zeros((MOSAIC * MOSAIC, rows + 1, cols + 1))
        tiles[:n, :rows, :cols] = dataset.train_inputs[:n].reshape(n, rows, cols)
        grid = tiles.reshape(MOSAIC, MOSAIC, rows + 1, cols + 1).transpose(0, 2, 1, 3)
        image = grid.reshape(MOSAIC * (rows + 1), MOSAIC * (cols + 1)).astype(np.float32)
        shown = dataset.train_inputs[:n]  # (the levels of 47 M MNIST values would take ~50 ms)
        self.mosaic_image.setImage(image, levels=(float(shown.min()), float(shown.max())), autoLevels=False)
        self.mosaic_box.autoRange(padding=0)

    def _show_table(self, dataset) -> None:
        n = min(TABLE_ROWS, dataset.n_train)
        headers = list(dataset.feature_names) + [f"→ {t}" for t in
                                                 (dataset.target_names if dataset.output_size > 1 or
                                                  dataset.task != "classification" else ["class"])]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(n)
        self.table.setHorizontalHeaderLabels(headers)
        values = np.concatenate([dataset.train_inputs[:n], dataset.train_targets[:n]], axis=1)
        for i in range(n):
            for j in range(values.shape[1]):
                self.table.setItem(i, j, QTableWidgetItem(f"{values[i, j]:.4g}"))

    def _summary(self, dataset) -> str:
        if dataset is None:
            return ""
        text = self.tr("%1 training and %2 test samples, %3 inputs").replace("%1", str(dataset.n_train)).replace(
            "%2", str(dataset.n_test)).replace("%3", str(dataset.input_size))
        if dataset.n_classes:
            text += self.tr(", %1 classes").replace("%1", str(dataset.n_classes))
        drawn, total = sum(self.editor.drawn.values()), dataset.n_train + dataset.n_test
        if self.preview.currentWidget() is self.editor and drawn < total:
            text += self.tr(" (the plot shows %1 of the %2 points)").replace("%1", f"{drawn:,}").replace(
                "%2", f"{total:,}")
        return text

    # ------------------------------------------------------------------ edits (undo commands)

    def _push(self, command) -> None:
        if command is not None:
            self.document.undo_stack.push(command)

    @Slot(int)
    def _on_combo_activated(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name is None or name == self.document.project.data.get("builtin"):
            return
        section = section_for_builtin(name)
        self._push(cmd.switch_dataset(self.document, section, builtin(name), self.combo.itemText(index)))

    def _push_param(self, key: str, value) -> None:
        if self.document.project.data.get(key) != value:
            self._push(cmd.set_parameter(self.document, key, value))

    def _on_feature_clicked(self, token: str, on: bool) -> None:
        command = cmd.toggle_feature(self.document, token, on)
        if command is None:
            self.feature_checks[token].setChecked(not on)
        self._push(command)

    @Slot(float, float)
    def _on_point_requested(self, x: float, y: float) -> None:
        if self.dataset is None or not self.draw_class.count():
            return
        c, k = self.draw_class.currentIndex(), self.dataset.output_size
        target = [float(c)] if k == 1 else [1.0 if j == c else 0.0 for j in range(k)]
        self._push_drawing(cmd.add_point(self.document, self.dataset, (x, y), target))

    @Slot(str, int)
    def _on_removal_requested(self, part: str, index: int) -> None:
        if self.dataset is not None and not (part == "train" and self.dataset.n_train <= 1):
            self._push_drawing(cmd.remove_point(self.document, self.dataset, part, index))

    def _push_drawing(self, command) -> None:
        """Push a point edit: the plot keeps its axes while it shows the new data."""
        self._drawing = True
        try:
            self._push(command)
        finally:
            self._drawing = False

    @Slot()
    def _on_import_clicked(self) -> None:
        from .data_wizard import DataWizard

        wizard = DataWizard(self.document.project.base_dir, self)
        if wizard.exec() and wizard.section is not None:
            self.use_imported(wizard.section, wizard.dataset)

    def use_imported(self, section: dict, dataset) -> None:
        """Switch to imported data; when that changes the network's input or output units, say so
        (under the data and on the status bar) instead of changing them silently. ``dataset`` is
        what ``section`` reads as (the wizard read it off the GUI thread: it is not read again)."""
        self.document.offer_dataset(section, dataset)
        before = {layer.id: layer.units for layer in self.document.network.layers}
        self._push(cmd.switch_dataset(self.document, section, dataset, dataset.name))
        changed = [(layer.id, before[layer.id], layer.units) for layer in self.document.network.layers
                   if layer.id in before and before[layer.id] != layer.units]
        if not changed:
            return
        words = "; ".join(self.tr("units of '%1': %2 → %3").replace("%1", lid).replace(
            "%2", str(old)).replace("%3", str(new)) for lid, old, new in changed)
        message = self.tr("The data does not fit the network as it was: %1").replace("%1", words)
        self.info.setText(self.info.text() + "\n" + message)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 15000)


def _slider_value(slider: QSlider, position: int) -> float:
    low, high = slider.bounds
    return round(low + (high - low) * position / _SLIDER_STEPS, 4)


def _title() -> str:
    return QCoreApplication.translate("panels", "Data")


PANELS = [PanelSpec("data_panel", _title, DataPanel, Qt.DockWidgetArea.LeftDockWidgetArea)]
