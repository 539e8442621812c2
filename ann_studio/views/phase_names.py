"""Phase labels in words, translated: "Forward: hidden layer", "Backward: δ of the output layer".

The engine's :meth:`ann_studio.core.phases.Phase.label` is English only and names layers by id;
here the layer is named by its role (input, hidden, output) so a student reads what happens, and
every string goes through Qt's translation (context ``PhaseNames``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.phases import Phase


def _tr(text: str) -> str:
    return QCoreApplication.translate("PhaseNames", text)


def layer_role(network, layer_id: str) -> str:
    """The layer named by its role: "the output layer", "the hidden layer", "hidden layer 2 (h2)".

    Parameters
    ----------
    network : ann_studio.core.Network
    layer_id : str
    """
    if layer_id == network.output_id:
        return _tr("the output layer")
    hidden = [layer.id for layer in network.dense if layer.id != network.output_id]
    if len(hidden) == 1:
        return _tr("the hidden layer")
    number = hidden.index(layer_id) + 1 if layer_id in hidden else 0
    return _tr("hidden layer %1 (%2)").replace("%1", str(number)).replace("%2", layer_id)


def phase_label(phase: Phase | None, network=None) -> str:
    """A translated description of ``phase``; ``network`` (optional) names layers by role.

    ``None`` (nothing computed yet in this step) reads "Ready: start of a step".
    """
    if phase is None:
        return _tr("Ready: start of a step")
    role = layer_role(network, phase.layer) if network is not None and phase.layer else phase.layer
    if phase.kind == "input":
        return _tr("Forward: input layer")
    if phase.kind == "forward":
        return _tr("Forward: %1").replace("%1", _strip_article(role))
    if phase.kind == "error":
        return _tr("Error")
    if phase.kind == "backward":
        return _tr("Backward: δ of %1").replace("%1", role)
    if phase.kind == "gradients":
        return _tr("Gradients: %1").replace("%1", _strip_article(role))
    return _tr("Update")


def _strip_article(role: str) -> str:
    """"the hidden layer" → "hidden layer" (the labels of the issue read "Forward: hidden layer")."""
    article = _tr("the ")
    return role[len(article):] if article and role.startswith(article) else role

