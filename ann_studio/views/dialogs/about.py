"""Help → About: name, version, licence."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ... import __version__


def about_text() -> str:
    tr = QCoreApplication.translate
    blurb = tr("about", "A desktop neural-network simulator for students: draw a network, step through "
                        "backpropagation, watch it learn.")
    licence = tr("about", "Licence: MIT.")
    return f"<h3>ANN Studio {__version__}</h3><p>{blurb}</p><p>{licence}</p>"


def show_about(parent) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("about", "About ANN Studio"), about_text())
