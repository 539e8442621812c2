"""Shows the training phase on the canvas: the layer being computed is outlined; forward phases
fill neurons by activation, backward phases colour neurons by δ and connections by ∂E/∂w with
arrows running backwards; the update shows each connection's change Δw.

It only calls the scene's overlay API (``set_layer_highlight``, ``set_neuron_values``,
``set_connection_values``, ``clear_overlay``) and checks for each, so a scene without it is
simply left alone. Refreshes are rate-limited like the panels'; at full speed the overlay is
cleared and the canvas shows the plain weights.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QColor

from ..panels.refresh_throttle import RefreshThrottle

#: outline colours of the layer being computed, by phase kind
PHASE_COLOURS = {
    "input": QColor("#1e88e5"), "forward": QColor("#1e88e5"), "error": QColor("#8e24aa"),
    "backward": QColor("#ef6c00"), "gradients": QColor("#ef6c00"), "update": QColor("#2e7d32"),
}
_API = ("set_layer_highlight", "set_neuron_values", "set_connection_values", "clear_overlay")


class TrainingOverlay(QObject):
    """Connects ``window.session`` to ``window.canvas_view.scene()``; parented to the window."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self._neuron_view_offered = False
        self._shown = False
        self._painted: tuple[set[str], set[str]] = (set(), set())  # layers with neuron / connection values
        self._throttle = RefreshThrottle(self.apply, self.session, self)
        self.session.updated.connect(self._throttle.request)
        self.session.reset_done.connect(self._on_session_reset_done)
        window.selection.changed.connect(self._on_selection_changed)

    def scene(self):
        """The canvas scene if it offers the overlay API, else ``None``."""
        view = getattr(self.window_, "canvas_view", None)
        scene = view.scene() if view is not None else None
        return scene if scene is not None and all(hasattr(scene, name) for name in _API) else None

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
        highlight = phase.layer or (t.network.inputs[0].id if phase.kind == "input" else t.network.output_id)
        scene.set_layer_highlight(highlight, PHASE_COLOURS[phase.kind])
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
        action = self.window_.actions.get("toggle_neuron_view")
        if action is not None and not action.isEnabled():
            return
        if not self._neuron_view_offered and hasattr(scene, "set_neuron_view"):
            self._neuron_view_offered = True
            if not getattr(scene, "neuron_view", True):
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


def install_training_overlay(window) -> TrainingOverlay:
    """Create the overlay for ``window`` (kept alive by its Qt parent, the window)."""
    return TrainingOverlay(window)
