"""Edit operations behind the canvas actions and menus: add, delete, duplicate, copy/paste,
set as output, auto-layout. Each builds the edited network and pushes one undo command."""

from __future__ import annotations

import atexit
import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QPointF
from PySide6.QtWidgets import QApplication

from ...core import LayerSpec, NetworkSpec
from ...core.activations import ACTIVATIONS
from ...core.initializers import INITIALIZERS
from ...core.spec import LAYER_TYPES, MAX_UNITS, network_to_json
from ...document.commands import (
    MoveLayersCommand,
    NetworkEditCommand,
    unique_id,
    with_layer_edited,
    with_layers_added,
    with_layers_removed,
    without_edge,
)
from .edges import EdgeItem
from .interactions import snap
from .layout import auto_layout

LAYERS_MIME = "application/x-ann-studio-layers"
PASTE_OFFSET = 40.0

#: palette entries: key → (label, layer type, units, activation, id stem); the labels are marked
#: for lupdate and translated by :func:`template_label`
TEMPLATES = {
    "input": (QT_TRANSLATE_NOOP("canvas", "Input"), "input", 2, "linear", "input"),
    "dense_sigmoid": (QT_TRANSLATE_NOOP("canvas", "Dense · sigmoid"), "dense", 4, "sigmoid", "hidden"),
    "dense_tanh": (QT_TRANSLATE_NOOP("canvas", "Dense · tanh"), "dense", 4, "tanh", "hidden"),
    "dense_relu": (QT_TRANSLATE_NOOP("canvas", "Dense · ReLU"), "dense", 8, "relu", "hidden"),
    "dense_linear": (QT_TRANSLATE_NOOP("canvas", "Dense · linear"), "dense", 1, "linear", "dense"),
    # output blocks that fit the data: one sigmoid unit (two classes; or several independent
    # yes/no outputs), softmax over the classes, linear for regression
    "output_sigmoid": (QT_TRANSLATE_NOOP("canvas", "Output · sigmoid"), "dense", 1, "sigmoid", "output"),
    "dense_softmax": (QT_TRANSLATE_NOOP("canvas", "Output · softmax"), "dense", 3, "softmax", "output"),
    "output_linear": (QT_TRANSLATE_NOOP("canvas", "Output · linear"), "dense", 1, "linear", "output"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("canvas", text)


def template_label(key: str) -> str:
    return _tr(TEMPLATES[key][0])


def add_layer(scene, key: str, pos: QPointF) -> str:
    """Add a layer from the template ``key`` with its top-left corner at ``pos``; returns its id."""
    _label, kind, units, activation, stem = TEMPLATES[key]
    network = scene.document.network
    layer_id = unique_id(network, stem)
    layer = LayerSpec(layer_id, kind, units, activation)
    if kind == "dense" and activation == "relu":
        layer.init = "he_normal"
    layer.extra["position"] = [snap(pos.x(), scene.snap_to_grid), snap(pos.y(), scene.snap_to_grid)]
    text = _tr("Add layer '%1'").replace("%1", layer_id)
    scene.push(NetworkEditCommand(scene.document, with_layers_added(network, [layer]), text))
    return layer_id


def delete_selection(scene) -> bool:
    """Delete the selected layers (with their edges) and selected edges, as one step."""
    ids = set(scene.selected_layer_ids())
    edges = [(i.src, i.dst) for i in scene.selectedItems() if isinstance(i, EdgeItem)
             and i.src not in ids and i.dst not in ids]
    if not ids and not edges:
        return False
    network = with_layers_removed(scene.document.network, ids)
    for src, dst in edges:
        network = without_edge(network, src, dst)
    if len(ids) == 1 and not edges:
        text = _tr("Delete layer '%1'").replace("%1", next(iter(ids)))
    elif not ids and len(edges) == 1:
        text = _tr("Disconnect '%1' → '%2'").replace("%1", edges[0][0]).replace("%2", edges[0][1])
    else:
        text = _tr("Delete %1 items").replace("%1", str(len(ids) + len(edges)))
    scene.push(NetworkEditCommand(scene.document, network, text))
    return True


def copied_layers(scene) -> list[LayerSpec]:
    """Copies of the selected layers with their current canvas positions."""
    out = []
    for lid in scene.selected_layer_ids():
        layer = scene.document.layer(lid).copy()
        pos = scene.nodes[lid].pos()
        layer.extra["position"] = [pos.x(), pos.y()]
        out.append(layer)
    return out


def copy_selection(scene) -> bool:
    layers = copied_layers(scene)
    if not layers:
        return False
    text = json.dumps(network_to_json(NetworkSpec(layers, layers[-1].id)))
    mime = QMimeData()
    mime.setData(LAYERS_MIME, text.encode("utf-8"))
    mime.setText(text)
    QApplication.clipboard().setMimeData(mime)
    _release_clipboard_at_exit()
    return True


_clipboard_hook_installed = False


def _release_clipboard_at_exit() -> None:
    """Clear our clipboard data while Python is still alive. Otherwise Qt deletes the QMimeData
    (a Python-created object it now owns) in its exit handlers after the interpreter has gone,
    and shiboken crashes the process on exit (seen: SIGSEGV in Shiboken::Object::destroy)."""
    global _clipboard_hook_installed
    if _clipboard_hook_installed:
        return
    _clipboard_hook_installed = True

    def release() -> None:
        app = QApplication.instance()
        if app is not None:
            clipboard = app.clipboard()
            if clipboard.mimeData() is not None and clipboard.mimeData().hasFormat(LAYERS_MIME):
                clipboard.clear()

    atexit.register(release)


def paste(scene) -> list[str]:
    """Paste layers from the clipboard (offset, renamed when the id is taken); returns new ids."""
    mime = QApplication.clipboard().mimeData()
    if mime is None or not mime.hasFormat(LAYERS_MIME):
        return []
    try:
        raw = json.loads(bytes(mime.data(LAYERS_MIME)).decode("utf-8"))
        layers = [_unchecked_layer(obj) for obj in raw["layers"]]
    except (ValueError, KeyError, TypeError):
        return []
    return insert_copies(scene, layers, _tr("Paste %1 layers"))


def duplicate(scene) -> list[str]:
    return insert_copies(scene, copied_layers(scene), _tr("Duplicate %1 layers"))


def _unchecked_layer(obj: dict) -> LayerSpec:
    """One layer from clipboard JSON (anything unexpected raises ValueError/KeyError/TypeError)."""
    layer = LayerSpec(str(obj["id"]), str(obj.get("type", "dense")), int(obj["units"]),
                      str(obj.get("activation", "sigmoid")), [str(s) for s in obj.get("inputs", [])],
                      str(obj.get("init", "randn_scaled")))
    if (layer.type not in LAYER_TYPES or layer.activation not in ACTIVATIONS or layer.init not in INITIALIZERS
            or not 1 <= layer.units <= MAX_UNITS):
        raise ValueError("not a layer")
    if "init_range" in obj:
        layer.init_range = (float(obj["init_range"][0]), float(obj["init_range"][1]))
    position = obj.get("position")
    if isinstance(position, list) and len(position) == 2:
        layer.extra["position"] = [float(position[0]), float(position[1])]
    return layer


def insert_copies(scene, layers: list[LayerSpec], text: str) -> list[str]:
    """Add ``layers`` with fresh ids, shifted; inputs among them are renamed, inputs from layers
    outside them are kept when those exist. Explicit weights are dropped (drawn again)."""
    if not layers:
        return []
    network = scene.document.network.copy()
    renames: dict[str, str] = {}
    for layer in layers:
        renames[layer.id] = unique_id(network, layer.id)
        network.layers.append(LayerSpec(renames[layer.id]))  # reserve the id
    existing = {layer.id for layer in scene.document.network.layers}
    added = []
    for layer in layers:
        new = layer.copy()
        new.id = renames[layer.id]
        new.inputs = [renames.get(src, src) for src in layer.inputs if src in renames or src in existing]
        new.weights = new.bias = None
        x, y = new.extra.get("position", [0.0, 0.0])
        new.extra["position"] = [snap(x + PASTE_OFFSET, scene.snap_to_grid), snap(y + PASTE_OFFSET, scene.snap_to_grid)]
        added.append(new)
    scene.push(NetworkEditCommand(scene.document, with_layers_added(scene.document.network, added),
                                  text.replace("%1", str(len(added)))))
    for lid in renames.values():
        if lid in scene.nodes:
            scene.nodes[lid].setSelected(True)
    return list(renames.values())


def set_output(scene, layer_id: str) -> None:
    network = scene.document.network.copy()
    if network.output == layer_id:
        return
    network.output = layer_id
    scene.push(NetworkEditCommand(scene.document, network, _tr("Make '%1' the output").replace("%1", layer_id)))


def layer_warnings(spec: NetworkSpec) -> dict[str, list[str]]:
    """Layers that are valid but cannot learn what a student expects: ``{layer id: [message]}``.
    A softmax over one unit always outputs 1.00 (its loss does not move): sigmoid is meant."""
    out: dict[str, list[str]] = {}
    for layer in spec.layers:
        if layer.type == "dense" and layer.activation == "softmax" and layer.units == 1:
            out.setdefault(layer.id, []).append(_tr(
                "A softmax over one unit always outputs 1.00, so it cannot learn. For two classes use one "
                "sigmoid unit (right-click → Use Sigmoid), or give softmax one unit per class."))
    return out


def use_sigmoid(scene, layer_id: str) -> None:
    """Switch ``layer_id`` to sigmoid (the fix :func:`layer_warnings` offers), as one step."""
    network = with_layer_edited(scene.document.network, layer_id, activation="sigmoid")
    scene.push(NetworkEditCommand(scene.document, network, _tr("Use sigmoid for '%1'").replace("%1", layer_id)))


def rename(scene, layer_id: str, new_id: str) -> None:
    network = with_layer_edited(scene.document.network, layer_id, id=new_id)
    text = _tr("Rename '%1' to '%2'").replace("%1", layer_id).replace("%2", new_id)
    scene.push(NetworkEditCommand(scene.document, network, text))


def layout_all(scene) -> bool:
    """Auto-layout (left to right) as one undoable move; False when nothing moves."""
    sizes = {lid: node.size() for lid, node in scene.nodes.items()}
    placed = auto_layout(scene.document.network, sizes)
    moves = {}
    for lid, (x, y) in placed.items():
        old = scene.document.layer(lid).extra.get("position")
        if old is None or tuple(old) != (x, y):
            moves[lid] = (tuple(old) if old is not None else None, (x, y))
    if not moves:
        return False
    scene.push(MoveLayersCommand(scene.document, moves, _tr("Auto-layout")))
    return True
