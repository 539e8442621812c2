"""The layer palette: a small card at the canvas' top-left. Drag an entry onto the canvas to add
that layer there, or click it to add one at the centre of the view."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QDrag, QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QToolButton

from . import style
from .editing import TEMPLATES, template_label

TEMPLATE_MIME = "application/x-ann-studio-template"


class PaletteButton(QToolButton):
    """One template; a press-and-drag starts a QDrag carrying the template key."""

    def __init__(self, key: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"palette_{key}")
        self.setText(template_label(key))
        self.setToolTip(self.tr("Drag onto the canvas, or click to add at the centre"))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setIcon(_swatch(key))
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._press: QPoint | None = None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._press is not None and (event.position().toPoint() - self._press).manhattanLength() > 8:
            self._press = None
            self.setDown(False)
            drag = QDrag(self)
            mime = QMimeData()
            mime.setData(TEMPLATE_MIME, self.key.encode())
            drag.setMimeData(mime)
            drag.setPixmap(self.grab())
            drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)


def _swatch(key: str) -> QPixmap:
    kind = "input" if key == "input" else ("output" if TEMPLATES[key][4] == "output" else "hidden")
    pix = QPixmap(14, 14)
    pix.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.KIND_COLOURS[kind])
    painter.drawRoundedRect(1, 1, 12, 12, 3, 3)
    painter.end()
    return pix


class Palette(QFrame):
    """The palette card. ``template_clicked(key)`` asks for a layer at the view's centre."""

    #: a template was clicked (its key)
    template_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("layer_palette")
        self.setStyleSheet("#layer_palette { background: rgba(255,255,255,235); border: 1px solid #d5d9e0;"
                           " border-radius: 8px; } QToolButton { padding: 3px 6px; border-radius: 4px; }"
                           " QToolButton:hover { background: #e8eefb; }"
                           " QLabel { color: #6b7280; font-weight: bold; padding: 2px 6px; }")
        # two columns, so the card stays short on a small screen: input and hidden layers on the
        # left, the output blocks on the right
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setHorizontalSpacing(2)
        layout.setVerticalSpacing(1)
        layout.addWidget(QLabel(self.tr("Layers"), self), 0, 0)
        layout.addWidget(QLabel(self.tr("Outputs"), self), 0, 1)
        rows = [0, 0]
        self.buttons: dict[str, PaletteButton] = {}
        for key in TEMPLATES:
            button = PaletteButton(key, self)
            button.clicked.connect(lambda _checked=False, k=key: self.template_clicked.emit(k))
            column = 1 if TEMPLATES[key][4] == "output" else 0
            rows[column] += 1
            layout.addWidget(button, rows[column], column)
            self.buttons[key] = button
        self.adjustSize()
