"""The canvas view: zoom (wheel, keys), pan (middle button or Space+drag), rubber-band
selection, drops from the palette and of project files, double-click and context menus."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import QGraphicsView, QMenu

from ..dropped_files import openable_file
from . import editing
from .node import LayerNode
from .palette import TEMPLATE_MIME, Palette

MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
ZOOM_STEP = 1.2


class CanvasView(QGraphicsView):
    """Shows a :class:`~.scene.CanvasScene`.

    Parameters
    ----------
    scene : CanvasScene
    parent : QWidget, optional
    actions : mapping of str to QAction, optional
        The window's actions; the context menu shows ``duplicate``, ``copy``,
        ``delete_selection``, ``paste``, ``auto_layout`` and ``fit_view`` from it.
    """

    #: a project file was dropped on the canvas (its path)
    file_dropped = Signal(str)
    #: the zoom factor changed
    zoom_changed = Signal(float)

    def __init__(self, scene, parent=None, actions: Mapping[str, QAction] | None = None):
        super().__init__(scene, parent)
        #: the window's actions by objectName (read when a menu opens): the context menu offers the
        #: same QActions as the Edit and View menus, so a classroom lock on one holds on the other
        self.actions = actions if actions is not None else {}
        self.setObjectName("canvas_view")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setAcceptDrops(True)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setSceneRect(QRectF(-20000, -20000, 40000, 40000))
        self._pan_from: QPointF | None = None
        self._space = False
        self._fitted = False  # the last fit still stands (no zoom or pan since): refit on resize
        self.palette = Palette(self)
        self.palette.move(12, 12)
        self.palette.template_clicked.connect(self._on_palette_template_clicked)
        scene.rebuilt.connect(self._on_scene_changed_size)
        scene.neuron_view_toggled.connect(self._on_scene_changed_size)

    # ------------------------------------------------------------------ zoom and fit

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        new = min(max(self.zoom() * factor, MIN_ZOOM), MAX_ZOOM)
        self._fitted = False
        if new != self.zoom():
            self.scale(new / self.zoom(), new / self.zoom())
            self.zoom_changed.emit(self.zoom())

    def fit_view(self) -> None:
        """Show every layer as large as fits (at most 1.25× zoom) in the part of the view right of
        the palette card, so no layer hides under it. Until the student zooms or pans, the view
        keeps fitting while it is resized (the window settles its size after it is shown)."""
        rect = self.scene().items_rect()
        if rect.isNull():
            return
        margin = 30
        rect = rect.adjusted(-margin, -margin, margin, margin)
        port = QRectF(self.viewport().rect())
        card = QRectF(self.palette.geometry()).adjusted(0, 0, 10, 10) if self.palette.isVisible() else QRectF()
        # the larger of the two parts clear of the card: right of it, or below it
        right = QRectF(card.right(), 0, port.width() - card.right(), port.height())
        below = QRectF(0, card.bottom(), port.width(), port.height() - card.bottom())
        free, scale = max(((part, min(part.width() / rect.width(), part.height() / rect.height()))
                           for part in (right, below) if part.width() > 0 and part.height() > 0),
                          key=lambda fit: fit[1], default=(port, 1.0))
        scale = max(min(scale, 1.25), MIN_ZOOM)
        self.resetTransform()
        self.scale(scale, scale)
        # put the layers' centre at the centre of the free part (not of the whole viewport)
        offset = (free.center() - QRectF(port).center()) / scale
        self.centerOn(rect.center() - offset)
        self._fitted = True
        self.zoom_changed.emit(self.zoom())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._fitted:
            self.fit_view()

    def _on_scene_changed_size(self, *_args) -> None:
        """The layers were rebuilt or expanded into neurons: refit while the fit stands."""
        if self._fitted:
            self.fit_view()

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        delta = event.angleDelta().y()
        if delta:
            self.zoom_by(ZOOM_STEP ** (delta / 120))
        event.accept()

    # ------------------------------------------------------------------ keys and panning

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key = event.key()
        steps = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in steps and self.scene().selected_layer_ids():
            step = 1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 10
            self.scene().mover.nudge(steps[key][0] * step, steps[key][1] * step)
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        elif key == Qt.Key.Key_Escape:
            self.scene().connector.cancel()
            self.scene().clearSelection()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.unsetCursor()
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.MiddleButton or (self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.pan(delta.x(), delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._pan_from is not None:
            self._pan_from = None
            self.unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def pan(self, dx: float, dy: float) -> None:
        """Scroll the view by ``(dx, dy)`` viewport pixels."""
        self._fitted = False
        self.horizontalScrollBar().setValue(round(self.horizontalScrollBar().value() - dx))
        self.verticalScrollBar().setValue(round(self.verticalScrollBar().value() - dy))

    # ------------------------------------------------------------------ adding layers

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt override
        pos = self.mapToScene(event.position().toPoint())
        if self.itemAt(event.position().toPoint()) is None and event.button() == Qt.MouseButton.LeftButton:
            editing.add_layer(self.scene(), "dense_sigmoid", pos)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def _on_palette_template_clicked(self, key: str) -> None:
        centre = self.mapToScene(self.viewport().rect().center())
        editing.add_layer(self.scene(), key, centre - QPointF(80, 40))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        if mime.hasFormat(TEMPLATE_MIME) or openable_file(mime):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        mime = event.mimeData()
        if mime.hasFormat(TEMPLATE_MIME):
            key = bytes(mime.data(TEMPLATE_MIME)).decode()
            if key in editing.TEMPLATES:
                pos = self.mapToScene(event.position().toPoint())
                editing.add_layer(self.scene(), key, pos - QPointF(80, 40))
                event.acceptProposedAction()
                return
        path = openable_file(mime)
        if path:
            self.file_dropped.emit(path)
            event.acceptProposedAction()
            return
        event.ignore()

    # ------------------------------------------------------------------ context menu

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt override
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())

    def build_context_menu(self, view_pos) -> QMenu:
        """The menu for a right-click at ``view_pos``: on a layer, or on empty canvas."""
        scene = self.scene()
        menu = QMenu(self)
        item = self.itemAt(view_pos)
        while item is not None and not isinstance(item, LayerNode):
            item = item.parentItem()
        if item is not None:
            if not item.isSelected():
                scene.clearSelection()
                item.setSelected(True)
            lid = item.layer_id
            menu.addAction(self.tr("Make Output Layer"), lambda: editing.set_output(scene, lid)).setEnabled(
                scene.document.layer(lid).type == "dense" and scene.document.network.output != lid)
            if item.warnings and scene.document.layer(lid).activation == "softmax":
                menu.addAction(self.tr("Use Sigmoid"), lambda: editing.use_sigmoid(scene, lid))
            self._add_actions(menu, "duplicate", "copy", None, "delete_selection")
            return menu
        pos = self.mapToScene(view_pos)
        add = menu.addMenu(self.tr("Add Layer"))
        for key in editing.TEMPLATES:
            add.addAction(editing.template_label(key),
                          lambda k=key: editing.add_layer(scene, k, pos - QPointF(80, 40)))
        self._add_actions(menu, "paste", None, "auto_layout", "fit_view")
        return menu

    def _add_actions(self, menu: QMenu, *names: str | None) -> None:
        """The window's actions ``names`` (None: a separator); a menu hides the hidden ones and
        greys the locked ones, as the Edit menu does."""
        for name in names:
            if name is None:
                menu.addSeparator()
            elif name in self.actions:
                menu.addAction(self.actions[name])
