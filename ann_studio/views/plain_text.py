"""Text from the user or from a file (layer ids, file names, error messages) shown as plain text.

Qt guesses: a QLabel, a QMessageBox or a tooltip whose text looks like HTML is drawn as rich text,
so a layer id ``<img src=…>`` would load a local image and ``<a href=file://…>`` would draw a link.
Widgets that show such text are made plain here; where the text goes into HTML on purpose
(pyqtgraph titles and legends, the math view's heading) it is escaped with :func:`escape`.
"""

from __future__ import annotations

import html

from PySide6.QtGui import Qt  # QtCore's namespace plus convertFromPlainText and mightBeRichText
from PySide6.QtWidgets import QLabel, QMessageBox


def escape(text) -> str:
    """``text`` with ``&``, ``<`` and ``>`` escaped, for a place that reads HTML."""
    return html.escape(str(text), quote=False)


def plain(label: QLabel) -> QLabel:
    """Make ``label`` show its text as plain text, whatever it contains; returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally: Qt renders a tooltip that looks like HTML as HTML,
    so such text is converted to escaped HTML (line breaks kept)."""
    return Qt.convertFromPlainText(text) if Qt.mightBeRichText(text) else text


def message_box(parent, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box with ``text`` shown as plain text and an OK button (not yet shown)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warn(parent, title: str, text: str) -> None:
    """Show a modal warning whose ``text`` (often a file's words) is plain text."""
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()
