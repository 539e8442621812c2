"""The GUI application: ``create_main_window`` and ``main``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "ANN Studio"
ORG_NAME = "ANN Studio"


def ensure_application(argv: list[str] | None = None):
    """The QApplication, created if needed, with the organisation names QSettings uses."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName(APP_NAME)
    from .i18n import install_translators

    install_translators(app)
    return app


def create_main_window(path: str | Path | None = None):
    """The main window on ``path`` (or the default example). A QApplication must exist; the event
    loop is not started."""
    from .views.classroom_mode import open_assignment
    from .views.main_window import MainWindow

    window = MainWindow()
    if path is not None and str(path).endswith(".annclass"):  # classroom assignment (issue 8)
        open_assignment(window, path)
    elif path is not None:
        window.open_project(path)
    return window


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    app = ensure_application(argv)
    path = next((a for a in argv if not a.startswith("-")), None)
    window = create_main_window(path)
    window.show()
    if not os.environ.get("ANN_STUDIO_NO_RECOVERY"):
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window.offer_recovery)  # once per instance: what crashed windows left
    return app.exec()
