"""Shows the training phase on the canvas: the layer being computed is outlined; forward phases
fill neurons by activation, backward phases colour neurons by δ and connections by ∂E/∂w with
arrows running backwards; the update shows each connection's change Δw.

It is given the session, the canvas scene and the selection it follows (``MainWindow``
builds it with the canvas) and only calls the scene's overlay API (``set_layer_highlight``,
``set_neuron_values``, ``set_connection_values``, ``clear_overlay``, ``set_neuron_view``). Refreshes are rate-limited like the panels'; at full speed the overlay is
cleared and the canvas shows the plain weights.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QColor

from ..panels.refresh_throttle import RefreshThrottle

#: outline colours of the layer being computed, by phase kind
PHASE_COLOURS = {
    "input": QColor("#1e88e5"), "forward": QColor("#1e88e5"), "error": QColor("#8e24aa"),
    "backward": QColor("#ef6c00"), "gradients": QColor("#ef6c00"), "update": QColor("#2e7d32"),
}


class TrainingOverlay(QObject):
    """Draws ``session``'s current phase on ``scene`` (a :class:`~.scene.CanvasScene`), refreshed
    when the session updates or ``selection`` changes. ``may_expand()`` tells whether the layers
    may be expanded into neurons (False when a classroom lock holds the Neuron View)."""

    def __init__(self, session, scene, selection, may_expand: Callable[[], bool] = lambda: True,
                 parent: QObject | None = None, practice=None):
        super().__init__(parent)
        self.session, self._scene, self._may_expand = session, scene, may_expand
        #: practice mode (:class:`~ann_studio.document.practice.PracticeController`): while it asks,
        #: the layer outlined is the one of the phase about to run, whose quantity is asked
        self._practice = practice
        self._neuron_view_offered = False
        self._shown = False
        self._painted: tuple[set[str], set[str]] = (set(), set())  # layers with neuron / connection values
        self._throttle = RefreshThrottle(self.apply, self.session, self)
        self.session.updated.connect(self._throttle.request)
        self.session.reset_done.connect(self._on_session_reset_done)
        selection.changed.connect(self._on_selection_changed)
        if practice is not None:
            practice.changed.connect(self._throttle.request)

    def scene(self):
        """The canvas scene it draws on."""
        return self._scene

    @Slot()
    def _on_session_reset_done(self) -> None:
        self._neuron_view_offered = False
        scene = self.scene()
        if scene is not None:
            scene.clear_overlay()
        self._shown = False
        self._painted = (set(), set())

    @Slot(object)
    def _on_selection_changed(self, _item) -> None:
        self._throttle.request()

    @Slot()
    def apply(self) -> None:
        """Draw the session's current phase on the scene."""
        scene, t = self.scene(), self.session.trainer
        if scene is None:
            return
        phase = self.session.current_phase
        fast = self.session.playing and self.session.speed == "full"
        if t is None or phase is None or fast or t.pass_.x is None:
            if self._shown:
                scene.clear_overlay()
                self._shown = False
                self._painted = (set(), set())
            return
        self._offer_neuron_view(scene)
        self._shown = True
        scene.set_layer_highlight(None, None)
        asked = phase
        if self._practice is not None and self._practice.question is not None:
            asked = t.next_phase  # not the layer just computed: the one the student computes now
        highlight = asked.layer or (t.network.inputs[0].id if asked.kind == "input" else t.network.output_id)
        scene.set_layer_highlight(highlight, PHASE_COLOURS[asked.kind])
        painter = _Recorder(scene)
        if phase.kind in ("input", "forward", "error"):
            self._show_forward(painter, t)
        elif phase.kind in ("backward", "gradients"):
            self._show_backward(painter, t)
        else:
            self._show_update(painter, t)
        # clear only what the previous phase painted and this one did not (repainting every
        # connection twice cost ~10 ms a phase on the digits network)
        for layer_id in self._painted[0] - painter.neurons:
            scene.set_neuron_values(layer_id, None, "activation")
        for layer_id in self._painted[1] - painter.connections:
            scene.set_connection_values(layer_id, None, "weight")
        self._painted = (painter.neurons, painter.connections)

    def _offer_neuron_view(self, scene) -> None:
        """Expand the layers into neurons once per run when the student starts stepping, unless
        the Neuron View action is off (locked or hidden by a classroom assignment)."""
        if not self._may_expand():
            return
        if not self._neuron_view_offered:
            self._neuron_view_offered = True
            if not scene.neuron_view:
                scene.set_neuron_view(True)

    def _show_forward(self, scene, t) -> None:
        s, p = self.session.focus_sample, t.pass_
        for layer in t.network.layers:
            a = p.a[layer.index]
            if a is not None:
                scene.set_neuron_values(layer.id, a[min(s, len(a) - 1)], "activation")

    def _show_backward(self, scene, t) -> None:
        s, p = self.session.focus_sample, t.pass_
        for layer in t.network.layers:
            k = layer.index
            if p.delta[k] is not None:
                scene.set_neuron_values(layer.id, p.delta[k][min(s, len(p.delta[k]) - 1)], "delta")
            elif p.a[k] is not None:
                scene.set_neuron_values(layer.id, p.a[k][min(s, len(p.a[k]) - 1)], "activation")
            if p.grad_W[k] is not None:
                scene.set_connection_values(layer.id, p.grad_W[k], "gradient", backwards=True)

    def _show_update(self, scene, t) -> None:
        change = self.session.parameter_change()
        self._show_forward(scene, t)
        if change is None:
            return
        for layer, (dW, _db) in zip(t.network.dense, change):
            scene.set_connection_values(layer.id, dW, "change")


class _Recorder:
    """Passes value calls on to the scene and remembers which layers received values."""

    def __init__(self, scene):
        self.scene, self.neurons, self.connections = scene, set(), set()

    def set_neuron_values(self, layer_id, values, mode) -> None:
        self.neurons.add(layer_id)
        self.scene.set_neuron_values(layer_id, values, mode)

    def set_connection_values(self, layer_id, values, mode, backwards=False) -> None:
        self.connections.add(layer_id)
        self.scene.set_connection_values(layer_id, values, mode, backwards=backwards)

