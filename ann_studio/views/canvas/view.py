"""The canvas view (placeholder scene until the node-graph canvas lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsScene, QGraphicsView


class CanvasView(QGraphicsView):
    def __init__(self, window):
        super().__init__()
        self.window_ = window
        self.setScene(QGraphicsScene(self))
