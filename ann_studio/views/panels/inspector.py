"""The inspector: edit the selected layer, neuron (bias) or connection (weight), and the
project's loss, optimizer and training settings.

Typed numbers accept a decimal comma and fractions (``1/3``). An invalid value is refused inline
(red field, message below it); nothing invalid reaches the document. Every accepted change is one
undo command.
"""

from __future__ import annotations

import copy
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.activations import ACTIVATIONS
from ...core.initializers import INITIALIZERS
from ...core.losses import LOSSES
from ...core.optimizers import OPTIMIZERS
from ...core.spec import MAX_UNITS
from ...document.commands import (
    EditRunParameterCommand,
    NetworkEditCommand,
    SetParametersCommand,
    SetSettingsCommand,
    with_layer_edited,
)
from ..numbers import format_number, parse_int, parse_number
from ..setting_names import activation_title, initializer_title, loss_title, optimizer_title
from .registry import PanelSpec

_ID = re.compile(r"^[A-Za-z_\u00c0-\uffff][\w\-\u00c0-\uffff]*$")
_INVALID_STYLE = "QLineEdit { border: 2px solid #d93025; border-radius: 3px; }"


def _tr(text: str) -> str:
    return QCoreApplication.translate("inspector", text)


class Field(QLineEdit):
    """A line edit whose text is checked by ``parse(text)`` when editing finishes; a valid value
    goes to ``accept(value)``, an invalid one shows its message in ``error``."""

    def __init__(self, name: str, parse, accept, error: QLabel, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.parse, self.accept, self.error = parse, accept, error
        self.label = ""  # the translated name in error messages (the form's row label)
        self.editingFinished.connect(self._on_editing_finished)

    def show_value(self, text: str) -> None:
        """Show ``text`` as the field's value (no edit signal) and clear any error."""
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)
        self.set_error(None)

    def set_error(self, message: str | None) -> None:
        self.setStyleSheet(_INVALID_STYLE if message else "")
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _on_editing_finished(self) -> None:
        try:
            value = self.parse(self.text())
        except ValueError as exc:
            self.set_error(f"{self.label or self.objectName().replace('_', ' ')}: {exc}")
            return
        self.set_error(None)
        self.accept(value)


def _error_label(parent) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("inspector_error")
    label.setStyleSheet("color: #d93025;")
    label.setWordWrap(True)
    label.hide()
    return label


class InspectorPanel(QWidget):
    """The inspector for ``window`` (offers ``document``, ``selection``, ``push_command``)."""

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.window_, self.document, self.selection = window, window.document, window.selection
        self.push = window.push_command
        self.title = QLabel(self)
        self.title.setObjectName("inspector_title")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # ids come from files: never markup
        self.title.setStyleSheet("font-weight: bold;")
        self.layer_box = self._build_layer_box()
        self.param_box = self._build_param_box()
        self.project_box = self._build_project_box()
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        for widget in (self.title, self.layer_box, self.param_box, self.project_box):
            column.addWidget(widget)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.session = window.session
        self.notation = window.notation
        for signal in (self.document.network_changed, self.document.project_replaced,
                       self.document.settings_changed, self.selection.changed, self.notation.changed):
            signal.connect(self.refresh)
        # the value shown is the run's current one: follow every step (cheap: one label)
        self.session.updated.connect(self._on_session_updated)
        self.refresh()

    def _on_session_updated(self) -> None:
        if self.isVisible() and self.param_box.isVisible() and not self.param_value.hasFocus():
            layer, current = self.current_layer(), self.selection.current
            if layer is not None and current is not None:
                self._show_param(layer, current)

    # ------------------------------------------------------------------ building

    def _build_layer_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Layer"), self)
        form = QFormLayout(box)
        self.layer_error = _error_label(box)
        self.layer_id = Field("layer_id", self._parse_id, self._on_layer_id, self.layer_error, box)
        self.units = Field("units", lambda t: parse_int(t, 1, MAX_UNITS), self._on_units, self.layer_error, box)
        self.activation = QComboBox(box)
        self.activation.setObjectName("activation")
        for key in ACTIVATIONS:  # readable, translated names; the identifier is the item's data
            self.activation.addItem(activation_title(key), key)
        self.activation.activated.connect(lambda _i: self._edit_layer(activation=self.activation.currentData()))
        self.init = QComboBox(box)
        self.init.setObjectName("initializer")
        for key in INITIALIZERS:
            self.init.addItem(initializer_title(key), key)
        self.init.activated.connect(lambda _i: self._edit_layer(init=self.init.currentData()))
        self.train_weights = QCheckBox(self.tr("Train weights (unchecked: frozen)"), box)
        self.train_weights.setObjectName("train_weights")
        self.train_weights.clicked.connect(lambda on: self._edit_layer(train_weights=bool(on)))
        self.train_bias = QCheckBox(self.tr("Train biases (unchecked: frozen)"), box)
        self.train_bias.setObjectName("train_bias")
        self.train_bias.clicked.connect(lambda on: self._edit_layer(train_bias=bool(on)))
        self.is_output = QCheckBox(self.tr("Output layer"), box)
        self.is_output.setObjectName("is_output")
        self.is_output.clicked.connect(self._on_is_output)
        for label, field in ((self.tr("Id"), self.layer_id), (self.tr("Units"), self.units)):
            field.label = label
            form.addRow(label, field)
        form.addRow(self.tr("Activation"), self.activation)
        form.addRow(self.tr("Initializer"), self.init)
        form.addRow(self.train_weights)
        form.addRow(self.train_bias)
        form.addRow(self.is_output)
        form.addRow(self.layer_error)
        return box

    def _build_param_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Value"), self)
        form = QFormLayout(box)
        self.param_error = _error_label(box)
        self.param_label = QLabel(box)
        self.param_label.setWordWrap(True)
        self.param_value = Field("value", parse_number, self._on_param_value, self.param_error, box)
        self.param_value.label = self.tr("Value")
        self.param_value.setToolTip(self.tr("Accepts 0.5, 0,5 and fractions like 1/3"))
        self.param_current = QLabel(box)
        self.param_current.setObjectName("param_current")
        self.param_current.setWordWrap(True)
        form.addRow(self.param_label)
        self.param_name = QLabel(box)
        form.addRow(self.param_name, self.param_value)
        form.addRow(self.param_current)
        form.addRow(self.param_error)
        return box

    def _build_project_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Project"), self)
        form = QFormLayout(box)
        self.project_error = _error_label(box)
        self.loss = QComboBox(box)
        self.loss.setObjectName("loss")
        for key, loss in LOSSES.items():  # shown in words, stored as the identifier (item data)
            self.loss.addItem(loss_title(key), key)
            self.loss.setItemData(self.loss.count() - 1, loss.formula, Qt.ItemDataRole.ToolTipRole)
        self.loss.activated.connect(lambda _i: self._edit_settings(self.tr("Set loss"), loss=self.loss.currentData()))
        self.optimizer = QComboBox(box)
        self.optimizer.setObjectName("optimizer")
        for key in OPTIMIZERS:
            self.optimizer.addItem(optimizer_title(key), key)
        self.optimizer.activated.connect(lambda _i: self._edit_settings(self.tr("Set optimizer"),
                                                                        type=self.optimizer.currentData()))
        err = self.project_error
        self.learning_rate = Field("learning_rate", lambda t: _positive(parse_number(t, 0.0, 1e6)),
                                   lambda v: self._edit_settings(self.tr("Set learning rate"), learning_rate=v), err, box)
        self.momentum = Field("momentum", lambda t: parse_number(t, 0.0, 1.0),
                              lambda v: self._edit_settings(self.tr("Set momentum"), momentum=v), err, box)
        self.batch_size = Field("batch_size", lambda t: parse_int(t, 1, 10_000_000),
                                lambda v: self._edit_settings(self.tr("Set batch size"), batch_size=v), err, box)
        self.seed = Field("seed", lambda t: parse_int(t, 0, 2**63 - 1),
                          lambda v: self._edit_settings(self.tr("Set seed"), seed=v), err, box)
        self.max_epochs = Field("max_epochs", lambda t: None if not t.strip() else parse_int(t, 1, 10**9),
                                lambda v: self._edit_settings(self.tr("Set epoch limit"), max_epochs=v), err, box)
        self.max_epochs.setPlaceholderText(self.tr("no limit"))
        self.shuffle = QCheckBox(self.tr("Shuffle each epoch"), box)
        self.shuffle.setObjectName("shuffle")
        self.shuffle.clicked.connect(lambda on: self._edit_settings(self.tr("Set shuffling"), shuffle=bool(on)))
        for label, widget in ((self.tr("Loss"), self.loss), (self.tr("Optimizer"), self.optimizer),
                              (self.tr("Learning rate η"), self.learning_rate), (self.tr("Momentum"), self.momentum),
                              (self.tr("Batch size"), self.batch_size), (self.tr("Seed"), self.seed),
                              (self.tr("Max epochs"), self.max_epochs)):
            if isinstance(widget, Field):
                widget.label = label
            form.addRow(label, widget)
        form.addRow(self.shuffle)
        self.float32 = QCheckBox(self.tr("Compute in float32 (half the memory)"), box)
        self.float32.setObjectName("training_dtype")
        self.float32.setToolTip(self.tr("A new run in single precision: faster on big data sets, "
                                        "agrees with float64 to about 6 digits"))
        self.float32.clicked.connect(lambda on: self._edit_settings(
            self.tr("Set number type"), dtype="float32" if on else "float64"))
        form.addRow(self.float32)
        form.addRow(self.project_error)
        return box

    # ------------------------------------------------------------------ showing

    def current_layer(self):
        current = self.selection.current
        if current is None or not self.document.has_layer(current.layer):
            return None
        return self.document.layer(current.layer)

    def refresh(self, *_args) -> None:
        """Show the selection and the settings (no signals back to the document)."""
        current, layer = self.selection.current, self.current_layer()
        self.layer_box.setVisible(layer is not None)
        self.param_box.setVisible(layer is not None and layer.type == "dense" and current.kind != "layer")
        if layer is None:
            self.title.setText(self.tr("Select a layer, a neuron or a connection on the canvas."))
        else:
            self._show_layer(layer)
            if self.param_box.isVisible():
                self._show_param(layer, current)
        self._show_project()

    def _show_layer(self, layer) -> None:
        self.title.setText(self.tr("Layer '%1'").replace("%1", layer.id))
        self.layer_id.show_value(layer.id)
        self.units.show_value(str(layer.units))
        dense = layer.type == "dense"
        for widget in (self.activation, self.init, self.train_weights, self.train_bias, self.is_output):
            widget.setEnabled(dense)
            widget.blockSignals(True)
        self.activation.setCurrentIndex(self.activation.findData(layer.activation))
        self.init.setCurrentIndex(self.init.findData(layer.init))
        self.train_weights.setChecked(layer.train_weights)
        self.train_bias.setChecked(layer.train_bias)
        self.is_output.setChecked(self.document.network.output == layer.id)
        for widget in (self.activation, self.init, self.train_weights, self.train_bias, self.is_output):
            widget.blockSignals(False)

    def _trained_layer(self, layer_id: str):
        """The session's network layer when the run has moved past its start, else None."""
        t = self.session.trainer
        if t is None or not (t.step or t.phase_index or t.edits):
            return None
        try:
            return t.network.layer(layer_id)
        except KeyError:
            return None

    @staticmethod
    def _symbol(make, fallback: str) -> str:
        """The chosen notation's symbol, or ``fallback`` (no trainer, or a shape it cannot name)."""
        try:
            return make()
        except (AttributeError, KeyError, IndexError, TypeError, ValueError):
            return fallback

    def _source_of(self, layer, column: int) -> tuple[str, int]:
        """(input layer id, 1-based unit) that weight column ``column`` of ``layer`` comes from."""
        for src, sl in self.document.network.input_slices(layer).items():
            if sl.start <= column < sl.stop:
                return src, column - sl.start + 1
        return "?", column + 1

    def _show_param(self, layer, current) -> None:
        try:
            weights, bias = self.document.initial_parameters(layer.id)
        except Exception:  # noqa: BLE001 - an invalid network has no parameters yet
            self.param_box.setVisible(False)
            return
        trained = self._trained_layer(layer.id)
        network = self.session.trainer.network if self.session.trainer is not None else None
        if current.kind == "neuron" and current.i is not None and current.i < layer.units:
            n = str(current.i + 1)
            self.title.setText(self.tr("Neuron %1 of '%2'").replace("%1", n).replace("%2", layer.id))
            start = float(bias[current.i])
            now = start if trained is None else float(trained.b[current.i])
            symbol = self._symbol(lambda: self.notation.bias_symbol(network, layer.id, current.i), "b" + n)
            if self.notation.threshold and network is not None:  # Zhou writes the threshold γ = −b
                self.param_label.setText(self.tr("Bias b of neuron %1; in Zhou's notation its threshold %2 = −b "
                                                 "= %3").replace("%1", n).replace("%2", symbol).replace(
                    "%3", format_number(-now, 6)))
                symbol = "b"
            else:
                self.param_label.setText(self.tr("Bias %1 of neuron %2").replace("%1", symbol).replace("%2", n))
            self.param_name.setText(symbol)
        elif current.kind == "weight" and current.i is not None and current.i < weights.shape[0] \
                and current.j is not None and current.j < weights.shape[1]:
            i, j = str(current.i + 1), str(current.j + 1)
            src, unit = self._source_of(layer, current.j)
            self.title.setText(self.tr("Connection w[%1, %2] of '%3'").replace("%1", i).replace(
                "%2", j).replace("%3", layer.id))
            symbol = self._symbol(lambda: self.notation.weight_symbol(network, layer.id, current.i, current.j),
                                  f"w[{i}, {j}]")
            self.param_label.setText(self.tr("Weight %1 from unit %2 of '%3' to neuron %4 of '%5'").replace(
                "%1", symbol).replace("%2", str(unit)).replace("%3", src).replace("%4", i).replace("%5", layer.id))
            self.param_name.setText(symbol)
            start = float(weights[current.i, current.j])
            now = start if trained is None else float(trained.W[current.i, current.j])
        else:
            self.param_box.setVisible(False)
            return
        self.param_value.show_value(format_number(now, 12))
        step = self.session.trainer.step if trained is not None else 0
        self.param_current.setText(
            self.tr("Starting value: %1").replace("%1", format_number(start, 6)) if trained is None else
            self.tr("Now, at step %1 (typing a value changes the run from here). Starting value: %2").replace(
                "%1", f"{step:,}").replace("%2", format_number(start, 6)))

    def _show_project(self) -> None:
        project = self.document.project
        for combo, value in ((self.loss, project.loss), (self.optimizer, project.optimizer.type)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)
        self.learning_rate.show_value(format_number(project.optimizer.learning_rate, 10))
        self.momentum.show_value(format_number(project.optimizer.momentum, 10))
        self.batch_size.show_value(str(project.training.batch_size))
        self.seed.show_value(str(project.training.seed))
        self.max_epochs.show_value("" if project.training.max_epochs is None else str(project.training.max_epochs))
        for box, on in ((self.shuffle, project.training.shuffle), (self.float32, project.training.dtype == "float32")):
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)

    # ------------------------------------------------------------------ editing

    def _parse_id(self, text: str) -> str:
        text = text.strip()
        layer = self.current_layer()
        if not _ID.match(text):
            raise ValueError(_tr("use letters, digits, '_' or '-', starting with a letter"))
        if layer is not None and text != layer.id and self.document.has_layer(text):
            raise ValueError(_tr("'%1' is already used").replace("%1", text))
        return text

    def _on_layer_id(self, new_id: str) -> None:
        layer = self.current_layer()
        if layer is None or new_id == layer.id:
            return
        from ...document.selection import Selected

        network = with_layer_edited(self.document.network, layer.id, id=new_id)
        current = self.selection.current
        self.push(NetworkEditCommand(self.document, network, self.tr("Rename '%1' to '%2'").replace(
            "%1", layer.id).replace("%2", new_id)))
        self.selection.select(Selected(current.kind, new_id, current.i, current.j))

    def _on_units(self, units: int) -> None:
        layer = self.current_layer()
        if layer is not None and units != layer.units:
            self._edit_layer(units=units)

    def _edit_layer(self, **changes) -> None:
        layer = self.current_layer()
        if layer is None or all(getattr(layer, k) == v for k, v in changes.items()):
            return
        (key, value), = changes.items()
        names = {"units": self.tr("units"), "activation": self.tr("activation"), "init": self.tr("initializer"),
                 "train_weights": self.tr("weight training"), "train_bias": self.tr("bias training")}
        text = self.tr("Set %1 of '%2' to %3").replace("%1", names.get(key, key)).replace("%2", layer.id).replace(
            "%3", str(value))
        seed = self.document.project.training.seed
        self.push(NetworkEditCommand(self.document, with_layer_edited(self.document.network, layer.id, seed, **changes), text))

    def _on_is_output(self, on: bool) -> None:
        layer = self.current_layer()
        if layer is None or not on or self.document.network.output == layer.id:
            self.refresh()
            return
        network = self.document.network.copy()
        network.output = layer.id
        self.push(NetworkEditCommand(self.document, network, self.tr("Make '%1' the output").replace("%1", layer.id)))

    def _on_param_value(self, value: float) -> None:
        layer, current = self.current_layer(), self.selection.current
        if layer is None or current is None:
            return
        neuron = current.kind == "neuron"
        i, j = str(current.i + 1), None if neuron else str(current.j + 1)
        text = (self.tr("Set bias b%1 of '%2' to %3").replace("%1", i).replace("%2", layer.id) if neuron else
                self.tr("Set weight w[%1, %2] of '%3' to %4").replace("%1", i).replace("%2", j).replace(
                    "%3", layer.id)).replace("%3" if neuron else "%4", format_number(value))
        trained = self._trained_layer(layer.id)
        if trained is not None:  # mid-run: the run's current value changes, the run continues
            index = (current.i,) if neuron else (current.i, current.j)
            old = float(trained.b[current.i] if neuron else trained.W[current.i, current.j])
            if old != value:
                self.push(EditRunParameterCommand(self.document, layer.id, "bias" if neuron else "weights", index,
                                                  old, value, text))
            return
        weights, bias = self.document.initial_parameters(layer.id)
        if neuron:
            if bias[current.i] == value and layer.bias is not None:
                return
            bias[current.i] = value
        else:
            if weights[current.i, current.j] == value and layer.weights is not None:
                return
            weights[current.i, current.j] = value
        self.push(SetParametersCommand(self.document, layer.id, weights, bias, text))

    def _edit_settings(self, text: str, **changes) -> None:
        project = self.document.project
        optimizer, training, loss = project.optimizer.copy(), copy.deepcopy(project.training), project.loss
        for key, value in changes.items():
            if key == "loss":
                loss = value
            elif hasattr(optimizer, key):
                setattr(optimizer, key, value)
            else:
                setattr(training, key, value)
        if optimizer.type == "adam" and "type" in changes and project.optimizer.type != "adam":
            optimizer.learning_rate = 0.001
        if (loss, optimizer, training) == (project.loss, project.optimizer, project.training):
            return
        self.push(SetSettingsCommand(self.document, loss, optimizer, training, text))


def _positive(value: float) -> float:
    if value <= 0:
        raise ValueError(_tr("must be above 0"))
    return value


PANELS = [
    PanelSpec("inspector", lambda: QCoreApplication.translate("inspector", "Inspector"), InspectorPanel,
              Qt.DockWidgetArea.RightDockWidgetArea, tab_with="math_panel"),
]
