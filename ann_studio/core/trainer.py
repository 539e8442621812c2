"""The stepper: training that advances one phase, one step (mini-batch), or one epoch at a time,
and can rewind to any earlier step boundary.

A *step* is one optimiser update on one mini-batch. Phase-by-phase stepping and the fast path call
the very same :class:`Network` phase functions in the same order, so both give identical weights.

Rewind keeps *keyframes* (full copies of the state at some step boundaries, within a memory budget)
and replays from the nearest one; replay is deterministic, so the numbers come back bit for bit.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import DivergenceError
from .history import EpochRecord, EpochRecords, StepLosses
from .losses import Loss, get_loss
from .metrics import is_classification, predicted_classes
from .network import PREDICT_CHUNK, Network, Pass
from .optimizers import Optimizer, OptimizerSettings
from .phases import Phase, phases_for

KEYFRAME_BUDGET = 32 * 2**20  # bytes of keyframes kept for rewind
#: what a keyframe costs besides its arrays: the objects, dicts and array headers (measured
#: ~1.9 KB for XOR; counting only the arrays let 900,000 frames of 72 "bytes" fill 1.7 GB)
KEYFRAME_OVERHEAD = 2048
#: a saved run keeps up to this many keyframes (and this many numbers in them) for rewinds
SAVED_KEYFRAMES, SAVED_KEYFRAME_VALUES = 64, 2_000_000
#: the number types a run can train in (``training.dtype``): float64 by default; float32 halves
#: the memory of the data and the time of big products (see docs/file-format.md for its tolerance)
DTYPES = ("float64", "float32")

#: the fewest steps between keyframes. A frame has a fixed cost besides its arrays (its objects,
#: the generator's state, the settings: ~14 µs, a third of an XOR step, measured); 64 steps apart
#: keep frames under 1 % of a tiny network's training (every 8 steps cost 7 %), and a rewind
#: replays at most 64 steps (~2 ms for XOR)
MIN_KEYFRAME_INTERVAL = 64


@dataclass
class TrainingSettings:
    """How the data is fed: ``batch_size`` 1 is online learning, ≥ N is full batch (Zhou's
    accumulated BP); ``shuffle`` draws a new order each epoch from ``seed``."""

    batch_size: int = 1
    shuffle: bool = False
    seed: int = 0
    max_epochs: int | None = None
    target_loss: float | None = None
    target_accuracy: float | None = None
    dtype: str = "float64"
    extra: dict = field(default_factory=dict)


@dataclass
class _Settings:
    optimizer: OptimizerSettings
    batch_size: int
    loss: str


@dataclass
class _Keyframe:
    step: int
    epoch: int
    cursor: int
    order: np.ndarray
    params: list[np.ndarray]
    opt_state: dict
    rng_state: dict
    settings: _Settings
    order_epoch: int = -1

    def nbytes(self) -> int:
        """What the frame really costs (its arrays plus :data:`KEYFRAME_OVERHEAD`; the epoch's
        order array is shared by the frames of an epoch and not counted)."""
        arrays = self.params + [a for v in self.opt_state.values() if isinstance(v, list) for a in v]
        return KEYFRAME_OVERHEAD + sum(a.nbytes + 112 for a in arrays)


@dataclass
class Edit:
    """A weight or bias typed in at step boundary ``step``: ``layer``'s ``param`` ("weights" or
    "bias") at ``index`` became ``value`` (it was ``old``). Replays apply it at the same step."""

    step: int
    layer: str
    param: str
    index: tuple
    value: float
    old: float

    def as_json(self) -> dict:
        return {"step": self.step, "layer": self.layer, "param": self.param, "index": list(self.index),
                "value": self.value, "old": self.old}


def _classes(targets: np.ndarray) -> np.ndarray:
    """The target classes for :func:`_accuracy`: ``predicted_classes``, as booleans for one column."""
    classes = predicted_classes(targets)
    return classes.astype(bool) if targets.shape[1] == 1 else classes


def _accuracy(y_hat: np.ndarray, classes: np.ndarray) -> float:
    """:func:`.metrics.accuracy` against target classes computed once (the same number)."""
    if len(classes) == 0:
        return float("nan")
    predicted = y_hat[:, 0] > 0.5 if y_hat.shape[1] == 1 else np.argmax(y_hat, axis=1)
    return int(np.count_nonzero(predicted == classes)) / len(classes)


def _copy_rng_state(state: Mapping[str, Any]) -> dict:
    """A copy of a NumPy bit generator's state (a small dict of ints and nested dicts)."""
    return {k: (_copy_rng_state(v) if isinstance(v, dict) else v) for k, v in state.items()}


class Trainer:
    """Trains ``network`` on ``(x, y)``; see the module docstring.

    Parameters
    ----------
    x, y : ndarray, shapes (N, inputs) and (N, outputs)
    test_x, test_y : optional held-out data for the per-epoch test metrics
    evaluate : compute the whole-set metrics at each epoch end (costs one forward pass)
    """

    def __init__(self, network: Network, loss: str, optimizer: OptimizerSettings, training: TrainingSettings,
                 x: np.ndarray, y: np.ndarray, test_x: np.ndarray | None = None,
                 test_y: np.ndarray | None = None, evaluate: bool = True):
        self.network = network
        if training.dtype not in DTYPES:
            raise ValueError(f"training.dtype must be one of {', '.join(DTYPES)}, not {training.dtype!r}")
        #: what the run computes in: the data, the parameters, the optimizer's buffers, every pass
        self.dtype = dtype = np.dtype(training.dtype)
        network.set_dtype(dtype)
        self.x = np.ascontiguousarray(x, dtype=dtype)  # float64 data for a float64 run: not copied
        self.y = np.ascontiguousarray(y, dtype=dtype)
        self.test_x = None if test_x is None or len(test_x) == 0 else np.asarray(test_x, dtype=dtype)
        self.test_y = None if test_y is None or len(test_y) == 0 else np.asarray(test_y, dtype=dtype)
        self.training = training
        self.evaluate_epochs = evaluate
        self.classification = is_classification(self.y)
        # the target classes, once: an epoch's accuracy compares the predictions with them
        self._classes = _classes(self.y) if self.classification else None
        self._test_classes = _classes(self.test_y) if self.classification and self.test_y is not None else None
        self.loss: Loss = get_loss(loss)
        self.optimizer = Optimizer(optimizer.copy())
        self.batch_size = training.batch_size
        self.rng = np.random.default_rng([training.seed, 1])
        self.phases = phases_for([layer.id for layer in network.dense])
        self._error_phase = self.phases.index(Phase("error"))
        # (array, is_weight, layer index) of every trainable parameter; arrays change only in place
        self._trainable = [(layer.W, True, layer.index) for layer in network.dense if layer.train_weights]
        self._trainable += [(layer.b, False, layer.index) for layer in network.dense if layer.train_bias]
        self._params = [array for array, _, _ in self._trainable]
        self._is_weight = [is_weight for _, is_weight, _ in self._trainable]
        # position
        self.step = 0
        self.epoch = 0
        self.cursor = 0
        self.phase_index = 0
        self._arange = np.arange(len(self.x))  # the order of every epoch without shuffling (shared)
        self.order = self._arange
        self._order_epoch = -1
        #: (step, pass, loss function, loss) of the whole-set forward pass an epoch's evaluation
        #: made, when the next step's batch is that same set in the same order: the step starts
        #: from it (same bits); any write of a parameter drops it
        self._forward_ready: tuple[int, Pass, Loss, float] | None = None
        self.batch: np.ndarray | None = None
        self.pass_ = Pass(len(network.layers))
        # history
        self.step_losses = StepLosses()
        self.epoch_records = EpochRecords()
        self._settings_log: list[tuple[int, _Settings]] = [(0, self._current_settings())]
        self.edits: list[Edit] = []  # weights and biases typed in mid-run, in order
        self._initial: list[np.ndarray] | None = None  # set when the run's base is not step 0
        self._keyframes: list[_Keyframe] = []
        self._keyframe_bytes = 0
        self.horizon = 0  # the furthest step recorded; goto() may move anywhere in 0..horizon
        # a keyframe copies every parameter: space them so copying costs ~1% of training time,
        # while a rewind replays at most a few hundred steps
        self.keyframe_interval = max(MIN_KEYFRAME_INTERVAL, network.parameter_count() // 250)
        self._save_keyframe()

    # ------------------------------------------------------------------ inspection

    @property
    def n_samples(self) -> int:
        return len(self.x)

    @property
    def next_phase(self) -> Phase:
        return self.phases[self.phase_index]

    @property
    def learning_rate(self) -> float:
        return self.optimizer.settings.learning_rate

    def steps_per_epoch(self) -> int:
        return -(-self.n_samples // self.batch_size)

    def upcoming_batch(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) of the step in progress, or of the next step at a step boundary; moves nothing
        (a shuffled new epoch's order is drawn from a copy of the generator)."""
        if self.phase_index and self.pass_.x is not None:
            return self.pass_.x, self.pass_.y
        order = self.order
        if self._order_epoch != self.epoch:
            order = copy.deepcopy(self.rng).permutation(self.n_samples) if self.training.shuffle else np.arange(
                self.n_samples)
        rows = order[self.cursor:self.cursor + self.batch_size]
        return self.x[rows], self.y[rows]

    def preview_update(self, pass_: Pass) -> list[np.ndarray]:
        """The parameters (W, b of each dense layer) that the update would give with ``pass_``'s
        gradients, computed on copies: neither the network nor the optimiser's state changes."""
        params = self.network.get_parameters()
        position = {layer.index: q for q, layer in enumerate(self.network.dense)}
        targets = [params[2 * position[k] + (0 if is_weight else 1)] for _, is_weight, k in self._trainable]
        grads = [pass_.grad_W[k] if is_weight else pass_.grad_b[k] for _, is_weight, k in self._trainable]
        copy.deepcopy(self.optimizer).step(targets, grads, self._is_weight)
        return params

    # ------------------------------------------------------------------ settings

    def _current_settings(self) -> _Settings:
        return _Settings(self.optimizer.settings.copy(), self.batch_size, self.loss.name)

    def configure(self, optimizer: OptimizerSettings | None = None, batch_size: int | None = None,
                  loss: str | None = None) -> None:
        """Change hyperparameters; they apply from the next update. Changing the optimiser type
        restarts its state. Batch size and loss may only change at a step boundary."""
        new = self._current_settings()
        if optimizer is not None:
            new.optimizer = optimizer.copy()
        if batch_size is not None or loss is not None:
            if self.phase_index:
                raise ValueError("batch size and loss change at a step boundary; finish the step first")
            new.batch_size = batch_size or new.batch_size
            new.loss = loss or new.loss
        if new == self._current_settings():
            return  # nothing changes: keep the recorded future (the timeline can still go there)
        self._apply_settings(new)
        self._settings_log = [entry for entry in self._settings_log if entry[0] < self.step]
        self._settings_log.append((self.step, copy.deepcopy(new)))
        self._cut_future()

    def _cut_future(self) -> None:
        """A change at this step makes a new future: what was recorded after it is dropped."""
        self.horizon = self.step
        self.edits = [e for e in self.edits if e.step <= self.step]
        self._settings_log = [entry for entry in self._settings_log if entry[0] <= self.step]

    def set_learning_rate(self, lr: float) -> None:
        settings = self.optimizer.settings.copy()
        settings.learning_rate = float(lr)
        self.configure(optimizer=settings)

    def _apply_settings(self, s: _Settings) -> None:
        if s.optimizer.type != self.optimizer.settings.type:
            self.optimizer = Optimizer(s.optimizer.copy())
        else:
            self.optimizer.settings = s.optimizer.copy()
        self.batch_size = int(s.batch_size)
        self.loss = get_loss(s.loss)

    def _settings_at(self, step: int) -> _Settings:
        current = self._settings_log[0][1]
        for when, s in self._settings_log:
            if when <= step:
                current = s
        return current

    # ------------------------------------------------------------------ edits

    def set_parameter(self, layer_id: str, param: str, index: tuple, value: float) -> None:
        """Type in a weight (``param="weights"``, ``index=(unit, input)``) or a bias
        (``param="bias"``, ``index=(unit,)``) at the current position. Mid-step, the run goes back
        to the step boundary first. The run continues from here; the edit is recorded (replays
        apply it at the same step) and the recorded future is dropped. At step 0 it changes the
        starting value."""
        layer = self.network.dense_layer(layer_id)
        array = layer.W if param == "weights" else layer.b if param == "bias" else None
        if array is None or len(index) != array.ndim:
            raise ValueError(f"no {param} at {index} in layer {layer_id!r}")
        index = tuple(int(i) for i in index)
        if self.phase_index:
            self.goto(self.step)
        old, value = float(array[index]), float(value)
        same = [e for e in self.edits if (e.step, e.layer, e.param, e.index) == (self.step, layer_id, param, index)]
        if same:  # a second edit of the same value at the same step: one entry, from the first old value
            old = same[0].old
            self.edits = [e for e in self.edits if e not in same]
        if value != old:
            self.edits.append(Edit(self.step, layer_id, param, index, value, old))
        self._write_parameter(layer_id, param, index, value)
        self._cut_future()
        # the keyframe at this step must hold the edited value (at step 0: the starting weights)
        self._keyframes = [f for f in self._keyframes if f.step < self.step]
        self._keyframe_bytes = sum(f.nbytes() for f in self._keyframes)
        self._save_keyframe()
        self.pass_ = Pass(len(self.network.layers))

    def _write_parameter(self, layer_id: str, param: str, index: tuple, value: float) -> None:
        self._forward_ready = None
        layer = self.network.dense_layer(layer_id)
        (layer.W if param == "weights" else layer.b)[index] = value

    @property
    def initial_parameters(self) -> list[np.ndarray]:
        """The parameters the run started from (W, b per dense layer): the first keyframe's, or
        (after a structural edit mid-run) the starting weights carried over to the new structure."""
        return [p.copy() for p in (self._initial if self._initial is not None else self._keyframes[0].params)]

    def set_initial_parameters(self, params: list[np.ndarray]) -> None:
        """Say what the run started from when its first keyframe is not step 0 (a carried-over run)."""
        self._initial = [np.array(p, dtype=float) for p in params]

    @property
    def settings_log(self) -> list[tuple[int, object]]:
        """(step, settings) of each hyperparameter change, the first at step 0 (read-only)."""
        return list(self._settings_log)

    @property
    def first_step(self) -> int:
        """The earliest step a rewind can reach (0 unless the network's structure changed mid-run)."""
        return self._keyframes[0].step

    # ------------------------------------------------------------------ stepping

    def _begin_batch(self, fresh_pass: bool = True) -> None:
        if self._order_epoch != self.epoch:
            self.order = self.rng.permutation(self.n_samples) if self.training.shuffle else self._arange
            self._order_epoch = self.epoch
        self.batch = self.order[self.cursor:self.cursor + self.batch_size]
        if fresh_pass:  # phase stepping starts from an empty pass; the fast path overwrites every entry
            self.pass_ = Pass(len(self.network.layers))

    def _batch_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.training.shuffle:
            end = self.cursor + len(self.batch)
            return self.x[self.cursor:end], self.y[self.cursor:end]
        return self.x[self.batch], self.y[self.batch]

    def _run_phase(self, phase: Phase) -> None:
        net, p = self.network, self.pass_
        if phase.kind == "input":
            xb, yb = self._batch_arrays()
            net.load_input(p, xb, yb)
        elif phase.kind == "forward":
            net.forward(p, net.index[phase.layer])
        elif phase.kind == "error":
            if not np.isfinite(net.error(p, self.loss)):
                raise self._divergence("the loss is not finite")
        elif phase.kind == "backward":
            net.backward(p, net.index[phase.layer], self.loss)
        elif phase.kind == "gradients":
            net.gradients(p, net.index[phase.layer])
        else:
            self._update()

    def _update(self) -> None:
        """Apply the optimiser to every trainable parameter (frozen ones are left out)."""
        p = self.pass_
        grads = [p.grad_W[k] if is_weight else p.grad_b[k] for _, is_weight, k in self._trainable]
        self.optimizer.step(self._params, grads, self._is_weight)

    def _end_step(self) -> None:
        self.step += 1
        self.step_losses.append(self.pass_.loss)
        self.cursor += len(self.batch)
        self.phase_index = 0
        if self.cursor >= self.n_samples:
            self._end_epoch()
        if self.step > self.horizon:
            self.horizon = self.step
        else:  # replaying recorded history: apply the settings and edits recorded for this step
            for when, s in self._settings_log:
                if when == self.step:
                    self._apply_settings(copy.deepcopy(s))
            for edit in self.edits:
                if edit.step == self.step:
                    self._write_parameter(edit.layer, edit.param, edit.index, edit.value)
        if self.step % self.keyframe_interval == 0:
            self._save_keyframe()

    def _end_epoch(self) -> None:
        self.epoch += 1
        self.cursor = 0
        if self.evaluate_epochs:
            self.epoch_records.append(self._evaluate_epoch())
        else:
            self.epoch_records.append(EpochRecord(self.epoch, self.step, float(np.mean(
                self.step_losses.tail(self.steps_per_epoch())))))

    def _evaluate_epoch(self) -> EpochRecord:
        """:meth:`evaluate` at an epoch's end. In full batch without shuffling the next step's
        forward pass is this evaluation's (the same arithmetic on the same arrays), so it is kept
        for that step instead of being computed twice."""
        if self.training.shuffle or self.batch_size < self.n_samples or self.n_samples > PREDICT_CHUNK:
            return self.evaluate()
        p = Pass(len(self.network.layers))
        record = self._record(self.network.run_forward(p, self.x))
        self._forward_ready = (self.step, p, self.loss, record.loss)
        return record

    def step_phase(self) -> Phase:
        """Run the next phase; returns it. After ``update`` the step is complete."""
        if self.phase_index == 0:
            self._begin_batch()
        phase = self.phases[self.phase_index]
        self._run_phase(phase)
        self.phase_index += 1
        if self.phase_index == len(self.phases):
            self._end_step()
        return phase

    def train_step(self) -> float:
        """Complete the current step (all its remaining phases); returns the batch loss."""
        if self.phase_index:
            while self.phase_index:
                self.step_phase()
            return self.step_losses[-1]
        self._begin_batch(fresh_pass=False)
        net, loss = self.network, self.loss
        xb, yb = self._batch_arrays()
        ready, self._forward_ready = self._forward_ready, None
        if ready is not None and ready[0] == self.step and len(xb) == self.n_samples and self.cursor == 0:
            p = self.pass_ = ready[1]  # the epoch's evaluation already ran this forward pass
            net.load_input(p, xb, yb)
            if ready[2] is loss:  # and computed this loss of the same outputs and targets
                p.loss_fn, p.y_hat, p.loss = loss, p.a[net.output_index], ready[3]
            else:
                net.error(p, loss)
        else:
            p = self.pass_
            net.load_input(p, xb, yb)
            for layer in net.dense:
                net.forward(p, layer.index)
            net.error(p, loss)
        if not math.isfinite(p.loss):
            self.phase_index = self._error_phase
            raise self._divergence("the loss is not finite")
        net.run_backward(p, loss)
        self._update()
        self.phase_index = len(self.phases) - 1
        self._end_step()
        return p.loss

    def train_epoch(self) -> EpochRecord:
        """Train to the end of the current epoch."""
        start = self.epoch
        while self.epoch == start:
            self.train_step()
        self.check_parameters()
        return self.epoch_records[-1]

    def train(self, epochs: int | None = None, steps: int | None = None,
              callback: Callable[[Trainer], bool | None] | None = None) -> None:
        """Train ``epochs`` epochs or ``steps`` updates. ``callback(trainer)`` runs after each step
        (after each epoch when training by epochs) and stops training by returning ``False``."""
        if steps is not None:
            for _ in range(steps):
                self.train_step()
                if callback and callback(self) is False:
                    break
        else:
            for _ in range(epochs or 0):
                self.train_epoch()
                if callback and callback(self) is False:
                    break
        self.check_parameters()

    # ------------------------------------------------------------------ metrics and divergence

    def evaluate(self) -> EpochRecord:
        """Whole-set loss/accuracy on the training data (and test data when present)."""
        return self._record(self.network.predict(self.x))

    def _record(self, y_hat: np.ndarray) -> EpochRecord:
        """The epoch record of the training outputs ``y_hat`` (and the test set's)."""
        record = EpochRecord(self.epoch, self.step, self.loss.value(y_hat, self.y))
        if self.classification:
            record.accuracy = _accuracy(y_hat, self._classes)
        if self.test_x is not None:
            t_hat = self.network.predict(self.test_x)
            record.test_loss = self.loss.value(t_hat, self.test_y)
            if self.classification:
                record.test_accuracy = _accuracy(t_hat, self._test_classes)
        return record

    def check_parameters(self) -> None:
        """Raise :class:`DivergenceError` if a weight or bias is NaN or infinite."""
        for layer in self.network.dense:
            if not (np.all(np.isfinite(layer.W)) and np.all(np.isfinite(layer.b))):
                raise DivergenceError(self.step, layer.id, "a weight or bias became NaN or infinite")

    def _divergence(self, what: str) -> DivergenceError:
        p = self.pass_
        for layer in self.network.dense:
            k = layer.index
            if not (np.all(np.isfinite(layer.W)) and np.all(np.isfinite(layer.b))):
                return DivergenceError(self.step + 1, layer.id, "a weight or bias is NaN or infinite")
            if p.a[k] is not None and not np.all(np.isfinite(p.a[k])):
                return DivergenceError(self.step + 1, layer.id, "an activation is NaN or infinite")
        return DivergenceError(self.step + 1, self.network.output_id, what)

    # ------------------------------------------------------------------ run state

    def state_dict(self, history: bool = True) -> dict:
        """The whole run state, without the data: parameters, optimizer state, the random
        generator and the epoch's order, the position, the settings and edit logs and (``history``)
        the step and epoch history with the first keyframe (``"base"``: the starting weights at
        step 0). :meth:`load_state_dict` on a trainer of the same project continues exactly here.
        Arrays are copies; the history objects are copied too."""
        state = {
            "step": self.step, "epoch": self.epoch, "cursor": self.cursor, "phase": self.phase_index,
            "horizon": self.horizon, "order": self.order, "order_epoch": self._order_epoch,
            "rng": _copy_rng_state(self.rng.bit_generator.state),
            "optimizer_state": self.optimizer.get_state(),
            "settings": copy.deepcopy(self._current_settings()),
            "settings_log": copy.deepcopy(self._settings_log),
            "edits": list(self.edits),
            "params": self.network.get_parameters(),
            "keyframe_interval": self.keyframe_interval,
        }
        if history:
            state["step_losses"] = copy.deepcopy(self.step_losses)
            state["epoch_records"] = copy.deepcopy(self.epoch_records)
            state["base"] = copy.deepcopy(self._keyframes[0])
            state["initial"] = self.initial_parameters
            state["keyframes"] = copy.deepcopy(self._saved_keyframes())
        return state

    def _saved_keyframes(self) -> list[_Keyframe]:
        """Up to :data:`SAVED_KEYFRAMES` keyframes spread over the run (not the base), within
        :data:`SAVED_KEYFRAME_VALUES` numbers: a file keeps them so that a rewind after reopening
        replays a few thousand steps, not the whole run from its start."""
        frames = [f for f in self._keyframes[1:] if f.step < self.step]
        if not frames:
            return []
        per_frame = max(1, 3 * self.network.parameter_count())
        count = min(SAVED_KEYFRAMES, SAVED_KEYFRAME_VALUES // per_frame, len(frames))
        if count <= 0:
            return []
        picks = np.unique(np.linspace(0, len(frames) - 1, count).round().astype(int))
        return [frames[i] for i in picks]

    def load_state_dict(self, state: dict, history: bool = True) -> None:
        """Continue the run described by ``state`` (from :meth:`state_dict`, maybe of another process
        or a file). With ``history`` the step and epoch history and the rewind keyframes are replaced
        (a rewind then replays from ``state["base"]``); without it they are kept (the worker hands
        back the state of a play whose history the window mirrored). The parameters are copied in
        place, so references to them stay valid."""
        self.network.set_parameters(state["params"])
        self._forward_ready = None
        self.step, self.epoch, self.cursor = int(state["step"]), int(state["epoch"]), int(state["cursor"])
        self.horizon = max(int(state.get("horizon", self.step)), self.step)
        self.order = np.asarray(state["order"]) if state.get("order") is not None else np.arange(self.n_samples)
        self._order_epoch = int(state.get("order_epoch", -1))
        self.rng.bit_generator.state = _copy_rng_state(state["rng"])
        self._settings_log = copy.deepcopy(state["settings_log"])
        self.edits = list(state.get("edits", []))
        settings = copy.deepcopy(state["settings"])
        self.optimizer = Optimizer(settings.optimizer.copy())
        self._apply_settings(settings)
        self.optimizer.set_state(state["optimizer_state"], self.dtype)
        self.keyframe_interval = int(state.get("keyframe_interval", self.keyframe_interval))
        self.phase_index = 0
        self.batch = None
        self.pass_ = Pass(len(self.network.layers))
        if history:
            self.step_losses = copy.deepcopy(state.get("step_losses") or StepLosses())
            self.epoch_records = copy.deepcopy(state.get("epoch_records") or EpochRecords())
            base = state.get("base")
            self._keyframes = [copy.deepcopy(base)] if base is not None else []
            extra = [f for f in state.get("keyframes", []) if self._keyframes and self._keyframes[0].step < f.step <= self.step]
            self._keyframes += sorted(copy.deepcopy(extra), key=lambda f: f.step)
            self._keyframe_bytes = sum(f.nbytes() for f in self._keyframes)
            self._initial = None
            if base is not None and base.step and state.get("initial") is not None:
                self.set_initial_parameters(state["initial"])
            self._save_keyframe()
        for _ in range(int(state.get("phase", 0))):
            self.step_phase()

    def start_frame(self, params: list[np.ndarray]) -> _Keyframe:
        """The keyframe of this trainer's step 0 with ``params`` as the starting weights (the base of
        a run read from a file)."""
        rng = np.random.default_rng([self.training.seed, 1])
        first = copy.deepcopy(self._settings_log[0][1])
        return _Keyframe(0, 0, 0, np.arange(self.n_samples), [np.array(p, dtype=float) for p in params],
                         {"t": 0}, _copy_rng_state(rng.bit_generator.state), first, -1)

    # ------------------------------------------------------------------ rewind

    def _save_keyframe(self) -> None:
        """Keep a full copy of the state at this step boundary (keyframes stay sorted by step)."""
        if self._keyframes and self._keyframes[-1].step >= self.step:
            return  # replaying recorded history: the frames after this point were dropped on rewind
        frame = _Keyframe(self.step, self.epoch, self.cursor,
                          self.order,  # never changed in place: each epoch draws a new array
                          self.network.get_parameters(), self.optimizer.get_state(),
                          _copy_rng_state(self.rng.bit_generator.state), self._current_settings(),
                          self._order_epoch)
        self._keyframes.append(frame)
        self._keyframe_bytes += frame.nbytes()
        if self._keyframe_bytes > KEYFRAME_BUDGET and len(self._keyframes) > 2:
            # thin out: keep the first and the newest frame and those on the doubled spacing
            self.keyframe_interval *= 2
            first = self._keyframes[0]
            self._keyframes = [f for f in self._keyframes
                               if f is first or f is frame or f.step % self.keyframe_interval == 0]
            self._keyframe_bytes = sum(f.nbytes() for f in self._keyframes)

    def _restore(self, frame: _Keyframe) -> None:
        self.step, self.epoch, self.cursor = frame.step, frame.epoch, frame.cursor
        self.order = frame.order
        self._order_epoch = frame.order_epoch
        self.network.set_parameters(frame.params)
        self._forward_ready = None
        self.rng.bit_generator.state = _copy_rng_state(frame.rng_state)
        self._apply_settings(copy.deepcopy(frame.settings))  # the frame's optimizer type, then its state
        self.optimizer.set_state(frame.opt_state, self.dtype)
        self._apply_settings(copy.deepcopy(self._settings_at(frame.step)))
        self.step_losses.truncate(frame.step)
        self.epoch_records.truncate_to_epoch(frame.epoch)
        self.phase_index = 0
        self.pass_ = Pass(len(self.network.layers))

    def goto(self, step: int, phase: int = 0) -> None:
        """Move to step boundary ``step`` anywhere in the recorded history ``0..horizon``, then run
        ``phase`` phases. Restores the nearest keyframe at or before ``step`` and replays, applying
        the hyperparameters recorded for each step, so the numbers come back bit for bit.
        Changing a setting after a rewind (:meth:`configure`) discards the recorded future.
        """
        if not self.first_step <= step <= self.horizon:
            raise ValueError(f"step {step} is outside the recorded history {self.first_step}..{self.horizon}")
        if not (self.phase_index == 0 and step >= self.step):
            frame = max((f for f in self._keyframes if f.step <= step), key=lambda f: f.step)
            self._keyframes = [f for f in self._keyframes if f.step <= frame.step]
            self._keyframe_bytes = sum(f.nbytes() for f in self._keyframes)
            self._restore(frame)
        while self.step < step:
            self.train_step()
        for _ in range(phase):
            self.step_phase()

    def step_back_phase(self) -> None:
        """Undo the last phase (across a step boundary too)."""
        if self.phase_index:
            self.goto(self.step, self.phase_index - 1)
        elif self.step > self.first_step:
            self.goto(self.step - 1, len(self.phases) - 1)

    def step_back(self) -> None:
        """Back to the previous step boundary."""
        if self.phase_index:
            self.goto(self.step)
        elif self.step > self.first_step:
            self.goto(self.step - 1)
