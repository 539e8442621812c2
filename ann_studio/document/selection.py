"""What the user has selected: a layer, a neuron, or a connection (weight). Shared by the canvas,
the inspector, the math view and the weight panels, so a click anywhere focuses everything."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Selected:
    """``kind`` is ``"layer"``, ``"neuron"`` (unit ``i`` of ``layer``) or ``"weight"``
    (``W[i, j]`` of ``layer``: from input column ``j`` to unit ``i``)."""

    kind: str
    layer: str
    i: int | None = None
    j: int | None = None


class SelectionModel(QObject):
    #: the focused item changed (None when nothing is focused)
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._current: Selected | None = None

    @property
    def current(self) -> Selected | None:
        return self._current

    def select(self, item: Selected | None) -> None:
        if item != self._current:
            self._current = item
            self.changed.emit(item)
