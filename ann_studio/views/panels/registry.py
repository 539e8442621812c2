"""Which dock panels the main window shows. One line per panel module: add yours to :data:`PANEL_MODULES`.

A panel module defines ``PANELS: list[PanelSpec]``; the main window creates one QDockWidget per
spec, with the spec's ``object_name`` (tests and saved layouts find docks by it).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt


@dataclass(frozen=True)
class PanelSpec:
    """``factory(ctx) -> QWidget`` builds the panel's widget; ``ctx`` is the main window, which
    offers ``document``, ``session``, ``selection`` and ``actions``. ``title`` is a callable so the
    text is translated at creation time. ``tab_with`` names a dock to tabify with."""

    object_name: str
    title: Callable[[], str]
    factory: Callable[[object], object]
    area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea
    tab_with: str | None = None
    visible: bool = True


#: the panel modules of the main window, in order (``MainWindow(panel_modules=…)`` picks others)
PANEL_MODULES = [
    # one line per panel module, e.g. "ann_studio.views.panels.inspector",
    "ann_studio.views.panels.lessons_panel",
    "ann_studio.views.panels.data_panel",
    "ann_studio.views.plots.loss_plot",
    "ann_studio.views.plots.weights_panel",
    "ann_studio.views.plots.decision_plot",
    "ann_studio.views.plots.landscape_plot",
    "ann_studio.views.plots.compare_panel",
    "ann_studio.views.plots.activations_panel",
    "ann_studio.views.plots.gradients_panel",
    "ann_studio.views.plots.confusion_panel",
    "ann_studio.views.plots.prediction_panel",
    "ann_studio.views.plots.activation_function_plot",
    "ann_studio.views.panels.inspector",
    "ann_studio.views.panels.training_panel",
    "ann_studio.views.panels.math_panel",
    "ann_studio.views.panels.runs_panel",
    "ann_studio.views.panels.practice_panel",
]


def panel_specs(modules: list[str] | None = None) -> list[PanelSpec]:
    """The panels of ``modules`` (default :data:`PANEL_MODULES`), in order."""
    specs: list[PanelSpec] = []
    for name in PANEL_MODULES if modules is None else modules:
        specs.extend(importlib.import_module(name).PANELS)
    return specs
