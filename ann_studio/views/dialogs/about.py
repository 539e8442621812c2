"""Help → About: name, version, licence."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ... import __version__


def about_text() -> str:
    tr = QCoreApplication.translate
    return (f"<h3>ANN Studio {__version__}</h3>"
            f"<p>{tr('about', 'A desktop neural-network simulator for students: draw a network, step through '
                              'backpropagation, watch it learn.')}</p>"
            f"<p>{tr('about', 'Licence: MIT.')}</p>")


def show_about(parent) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("about", "About ANN Studio"), about_text())
