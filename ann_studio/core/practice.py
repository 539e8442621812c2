"""Practice mode, headless: the student computes a quantity of the next update and gets a verdict.

``check_answer(trainer, quantity, layer_id, index, answer)`` grades one answer; ``questions(trainer)``
lists what the trainer's next phase computes, in the order the window asks it. The numbers are
those of the step in progress (or of the next step at a step boundary), for the sample in focus
(z, a, δ) and as batch means (gradients, updates). The trainer is never advanced or altered: the
step is recomputed on a fresh :class:`~.network.Pass` and the update on copies
(:meth:`Trainer.preview_update`).

Quantities are Nielsen's: ``delta`` is ∂E/∂z. With ``notation="zhou"`` the value asked is the one
Zhou's textbook writes: α/β (the weighted sum before the threshold) for ``z``, g_j and e_h (= −δ)
for ``delta``, ∂E/∂θ (= −∂E/∂b) for ``grad_b`` and the threshold θ⁺ (= −b⁺) for ``new_b``.

A wrong answer is matched against the value of the same quantity recomputed with each classic
mistake (:mod:`.practice_slips`); see ``docs/api.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import DenseLayer
from .practice_answer import DEFAULT_TOLERANCE, AnswerError, Tolerance, parse_answer
from .practice_question import Question, Worked, shown
from .practice_slips import candidates

QUANTITIES = ("z", "a", "loss", "delta", "grad_w", "grad_b", "new_w", "new_b")
MISTAKES = ("missing_derivative", "sign", "updated_weight", "missing_sum", "missing_learning_rate",
            "z_for_a", "a_for_z", "missing_batch_mean", "wrong_layer")
NOTATIONS = ("nielsen", "zhou", "mazur")

__all__ = ["DEFAULT_TOLERANCE", "MISTAKES", "QUANTITIES", "AnswerError", "PracticeError", "Question", "Tolerance",
           "Verdict", "Worked", "check_answer", "expected_value", "parse_answer", "questions", "step_questions",
           "worked_step"]


class PracticeError(ValueError):
    """A question that does not exist in this network (unknown quantity, layer or index)."""


@dataclass(frozen=True)
class Verdict:
    """``correct`` within ``allowed`` of ``expected``; else ``mistake`` names the likely slip (a
    code of :data:`MISTAKES`) or is None. ``value`` is the answer as read."""

    correct: bool
    expected: float
    mistake: str | None
    value: float
    allowed: float


def worked_step(trainer, sample: int = 0) -> Worked:
    """Recompute the step in progress without touching ``trainer``."""
    x, y = trainer.upcoming_batch()
    net = trainer.network
    p = net.loss_and_gradients(x, y, trainer.loss)
    params = trainer.preview_update(p)
    new = {layer.index: (params[2 * q], params[2 * q + 1]) for q, layer in enumerate(net.dense)}
    m = len(x)
    return Worked(trainer, p, new, min(max(int(sample), 0), m - 1), m)


# ---------------------------------------------------------------------- questions

def _phase_questions(network, phase) -> list[Question]:
    if phase.kind == "error":
        return [Question("loss", None, ())]
    if phase.kind not in ("forward", "backward", "gradients"):
        return [] if phase.kind == "input" else _update_questions(network)
    layer = network.layer(phase.layer)
    units = range(layer.units)
    if phase.kind == "forward":
        return [Question(q, layer.id, (i,)) for i in units for q in ("z", "a")]
    if phase.kind == "backward":
        return [Question("delta", layer.id, (i,)) for i in units]
    out = [Question("grad_w", layer.id, (i, j)) for i in units for j in range(layer.W.shape[1])]
    if layer.train_bias:
        out += [Question("grad_b", layer.id, (i,)) for i in units]
    return out


def _update_questions(network) -> list[Question]:
    out = []
    for layer in reversed(network.dense):  # the order the gradients were asked: output layer first
        if layer.train_weights:
            out += [Question("new_w", layer.id, (i, j)) for i in range(layer.units) for j in range(layer.W.shape[1])]
        if layer.train_bias:
            out += [Question("new_b", layer.id, (i,)) for i in range(layer.units)]
    return out


def questions(trainer) -> list[Question]:
    """The quantities the trainer's next phase computes, in the order the window asks them
    (empty for the input phase, which computes nothing)."""
    return _phase_questions(trainer.network, trainer.next_phase)


def step_questions(trainer) -> list[Question]:
    """Every question of one full step, phase by phase."""
    return [q for phase in trainer.phases for q in _phase_questions(trainer.network, phase)]


# ---------------------------------------------------------------------- values

def _dense(network, layer_id) -> DenseLayer:
    if layer_id not in network.index or not isinstance(network.layer(layer_id), DenseLayer):
        raise PracticeError(f"no dense layer {layer_id!r}")
    return network.layer(layer_id)


def _question(quantity, layer_id, index) -> Question:
    """The question as asked; an index that is not a tuple of whole numbers is a :class:`PracticeError`."""
    try:
        whole = tuple(int(v) for v in index)
        exact = all(float(v) == n for v, n in zip(index, whole))
    except (TypeError, ValueError):
        raise PracticeError(f"index {index!r} is not a tuple of whole numbers") from None
    if not exact or isinstance(index, str):
        raise PracticeError(f"index {index!r} is not a tuple of whole numbers")
    return Question(quantity, layer_id, whole)


def _check_question(network, q: Question) -> None:
    if q.quantity not in QUANTITIES:
        raise PracticeError(f"unknown quantity {q.quantity!r}; expected one of {', '.join(QUANTITIES)}")
    if q.quantity == "loss":
        if tuple(q.index):
            raise PracticeError("the loss has no index: use ()")
        return
    layer = _dense(network, q.layer_id)
    shape = layer.W.shape if q.quantity in ("grad_w", "new_w") else (layer.units,)
    index = tuple(q.index)
    if len(index) != len(shape) or not all(0 <= int(v) < n for v, n in zip(index, shape)):
        raise PracticeError(f"index {index} is outside {q.quantity} of layer {q.layer_id!r} (shape {shape})")


def nielsen_value(w: Worked, q: Question) -> float:
    """The quantity in Nielsen's convention (see the module docstring)."""
    net, p, s = w.network, w.pass_, w.s
    if q.quantity == "loss":
        return float(p.loss)
    k = net.index[q.layer_id]
    i = int(q.index[0])
    if q.quantity == "z":
        return float(p.z[k][s, i])
    if q.quantity == "a":
        return float(p.a[k][s, i])
    if q.quantity == "delta":
        return float(p.delta[k][s, i])
    if q.quantity == "grad_b":
        return float(p.grad_b[k][i])
    if q.quantity == "new_b":
        return float(w.new[k][1][i])
    j = int(q.index[1])
    return float(p.grad_W[k][i, j] if q.quantity == "grad_w" else w.new[k][0][i, j])


def expected_value(trainer, quantity: str, layer_id: str | None, index=(), *, sample: int = 0,
                   notation: str = "nielsen", worked: Worked | None = None) -> float:
    """The right answer to the question, in ``notation``'s convention."""
    q = _question(quantity, layer_id, index)
    _check_question(trainer.network, q)
    w = worked if worked is not None else worked_step(trainer, sample)
    return shown(w, q, nielsen_value(w, q), notation)


def check_answer(trainer, quantity: str, layer_id: str | None, index, answer, *, sample: int = 0,
                 notation: str = "nielsen", tolerance: Tolerance = DEFAULT_TOLERANCE,
                 worked: Worked | None = None) -> Verdict:
    """Grade ``answer`` (a number or text such as ``"0,5"``, ``"1/3"``, ``"0.7414*0.1868"``) to
    the question; see the module docstring. Raises :class:`AnswerError` for text that is not a
    number and :class:`PracticeError` for a question the network does not have."""
    if notation not in NOTATIONS:
        raise PracticeError(f"unknown notation {notation!r}")
    value = parse_answer(answer)
    q = _question(quantity, layer_id, index)
    _check_question(trainer.network, q)
    w = worked if worked is not None else worked_step(trainer, sample)
    expected = shown(w, q, nielsen_value(w, q), notation)
    allowed = tolerance.allowed(expected)
    if tolerance.agrees(value, expected):
        return Verdict(True, expected, None, value, allowed)
    for code, slip in candidates(w, q, notation):
        if np.isfinite(slip) and not tolerance.agrees(slip, expected) and tolerance.agrees(value, slip):
            return Verdict(False, expected, code, value, allowed)
    return Verdict(False, expected, None, value, allowed)
