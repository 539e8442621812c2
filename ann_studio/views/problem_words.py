"""A network problem in plain, translated words for the status bar and the canvas.

The engine's :func:`ann_studio.core.spec.problems_of` reports problems in English with a JSON
path (``network.layers[1].inputs: layer 'hidden' has no inputs``) -- right for a file, wrong for a
student. :func:`describe` names the layer by its role ("the hidden layer 'hidden' has no inputs")
in the user's language; a message it does not know is shown as the engine wrote it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_LAYER, _RAW = "layer", "raw"  # a group names a layer (shown by its role) or is shown as it is

#: (engine message pattern, translated template with %1, %2 for the groups, how each group shows)
_PATTERNS = [
    (r"layer '(.+)' has no inputs", QT_TRANSLATE_NOOP("ProblemWords", "%1 has no inputs: connect a layer to it"), (_LAYER,)),
    (r"duplicate layer id '(.+)'", QT_TRANSLATE_NOOP("ProblemWords", "two layers are called '%1'"), (_RAW,)),
    (r"the network has no input layer", QT_TRANSLATE_NOOP("ProblemWords", "the network has no input layer"), ()),
    (r"layer '(.+)' takes input from unknown layer '(.+)'",
     QT_TRANSLATE_NOOP("ProblemWords", "%1 takes input from a layer that does not exist ('%2')"), (_LAYER, _RAW)),
    (r"layer '(.+)' lists an input twice",
     QT_TRANSLATE_NOOP("ProblemWords", "%1 is connected to the same layer twice"), (_LAYER,)),
    (r"layer '(.+)' needs weights of shape .*",
     QT_TRANSLATE_NOOP("ProblemWords", "the weights of %1 do not fit its size"), (_LAYER,)),
    (r"layer '(.+)' needs \d+ biases, .*", QT_TRANSLATE_NOOP("ProblemWords", "the biases of %1 do not fit its size"), (_LAYER,)),
    (r"output layer '(.+)' does not exist", QT_TRANSLATE_NOOP("ProblemWords", "no layer is marked as the output"), (_RAW,)),
    (r"the output layer '(.+)' must be a dense layer",
     QT_TRANSLATE_NOOP("ProblemWords", "the output must be a dense layer, not the input layer '%1'"), (_RAW,)),
    (r"cycle through layers (.+)", QT_TRANSLATE_NOOP("ProblemWords", "the layers form a loop: %1"), (_RAW,)),
    (r"layer '(.+)' is dangling: .*", QT_TRANSLATE_NOOP("ProblemWords", "%1 does not lead to the output layer"), (_LAYER,)),
    (r"no path from an input layer to '(.+)'",
     QT_TRANSLATE_NOOP("ProblemWords", "no input layer is connected to the output layer"), (_RAW,)),
    (r"the network has ([\d,]+) parameters; the limit is ([\d,]+)",
     QT_TRANSLATE_NOOP("ProblemWords", "the network is too big: %1 parameters (at most %2)"), (_RAW, _RAW)),
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProblemWords", text)


def layer_words(spec, layer_id: str) -> str:
    """"the output layer", "the hidden layer 'h1'", "the input layer 'in'" (translated)."""
    layer = next((layer for layer in spec.layers if layer.id == layer_id), None)
    if layer_id == spec.output:
        return _tr("the output layer")
    if layer is not None and layer.type == "input":
        return _tr("the input layer '%1'").replace("%1", layer_id)
    return _tr("the hidden layer '%1'").replace("%1", layer_id)


def describe(problem, spec) -> str:
    """``problem`` (a :class:`~ann_studio.core.errors.ProjectError`) in plain words; ``spec`` is
    the network it was found in (layers are named by role)."""
    for pattern, template, kinds in _PATTERNS:
        match = re.fullmatch(pattern, problem.message)
        if match is None:
            continue
        text = _tr(template)
        for n, (value, kind) in enumerate(zip(match.groups(), kinds), start=1):
            text = text.replace(f"%{n}", layer_words(spec, value) if kind == _LAYER else value)
        return text[:1].upper() + text[1:]
    return problem.message
