"""The phases of one training step, in the order a student steps through them."""

from __future__ import annotations

from dataclasses import dataclass

PHASE_KINDS = ("input", "forward", "error", "backward", "gradients", "update")


@dataclass(frozen=True)
class Phase:
    """One phase of a step. ``layer`` is the layer id for the per-layer phases, else ``None``."""

    kind: str
    layer: str | None = None

    def label(self) -> str:
        """An English description, e.g. ``Backward: δ of out`` (the GUI translates by ``kind``)."""
        if self.kind == "input":
            return "Forward: input layer"
        if self.kind == "forward":
            return f"Forward: {self.layer}"
        if self.kind == "error":
            return "Error"
        if self.kind == "backward":
            return f"Backward: δ of {self.layer}"
        if self.kind == "gradients":
            return f"Gradients: {self.layer}"
        return "Update"


def phases_for(dense_ids: list[str]) -> list[Phase]:
    """The phases of one step for dense layers listed in topological order."""
    out = [Phase("input")]
    out += [Phase("forward", layer_id) for layer_id in dense_ids]
    out.append(Phase("error"))
    for layer_id in reversed(dense_ids):
        out += [Phase("backward", layer_id), Phase("gradients", layer_id)]
    out.append(Phase("update"))
    return out
