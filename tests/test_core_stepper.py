"""The stepper: phase stepping equals the fast path bit for bit; rewind and replay are exact;
divergence is caught and named."""

import numpy as np
import pytest

from ann_studio.core import (
    DivergenceError,
    Network,
    NetworkSpec,
    OptimizerSettings,
    Phase,
    Trainer,
    TrainingSettings,
)
from tests.helpers import merge_spec


def make_trainer(opt="sgd", batch=3, shuffle=True, spec=None, lr=0.3, seed=11):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(10, 3))
    y = (rng.uniform(size=(10, 2)) > 0.5).astype(float)
    spec = spec or NetworkSpec.chain([3, 4, 2])
    settings = OptimizerSettings(type=opt, learning_rate=lr, momentum=0.9 if opt == "sgd" else 0.0)
    return Trainer(Network(spec, np.random.default_rng(seed)), "half_sse", settings,
                   TrainingSettings(batch_size=batch, shuffle=shuffle, seed=seed), x, y)


def params(t):
    return t.network.get_parameters()


def same(a, b):
    return all(np.array_equal(u, v) for u, v in zip(a, b))


def test_phase_names_in_order():
    t = make_trainer()
    labels = [p.label() for p in t.phases]
    assert labels == ["Forward: input layer", "Forward: hidden", "Forward: out", "Error", "Backward: δ of out",
                      "Gradients: out", "Backward: δ of hidden", "Gradients: hidden", "Update"]


@pytest.mark.parametrize("opt", ["sgd", "adam", "rmsprop"])
def test_phase_by_phase_equals_fast_path(opt):
    slow, fast = make_trainer(opt, spec=merge_spec()), make_trainer(opt, spec=merge_spec())
    slow.x = fast.x = np.random.default_rng(1).normal(size=(10, 3))
    while slow.epoch < 3:
        slow.step_phase()
    for _ in range(3):
        fast.train_epoch()
    assert slow.step == fast.step
    assert same(params(slow), params(fast))
    assert slow.step_losses == fast.step_losses


def test_state_is_inspectable_after_each_phase():
    t = make_trainer(batch=2)
    net = t.network
    h = net.index["hidden"]
    assert t.step_phase() == Phase("input")
    assert t.pass_.a[0].shape == (2, 3)
    t.step_phase()
    assert t.pass_.z[h].shape == (2, 4) and t.pass_.a[h].shape == (2, 4)
    while t.next_phase.kind != "update":
        t.step_phase()
    assert t.pass_.grad_W[h].shape == (4, 3) and t.pass_.delta[h].shape == (2, 4)
    assert t.step == 0
    t.step_phase()
    assert t.step == 1 and t.phase_index == 0


def test_rewind_and_replay_are_bit_identical():
    t = make_trainer("adam", batch=4)
    seen = {}
    for _ in range(23):
        seen[t.step] = params(t)
        if t.step == 9:
            t.set_learning_rate(0.05)
        t.train_step()
    seen[t.step] = params(t)
    losses = list(t.step_losses)
    t.goto(5)
    assert t.step == 5 and same(params(t), seen[5]) and t.step_losses == losses[:5]
    for _ in range(18):
        t.train_step()
    assert same(params(t), seen[23]) and t.step_losses == losses
    t.goto(12, phase=3)
    assert t.step == 12 and t.phase_index == 3 and same(params(t), seen[12])


def test_step_back_phase_across_a_boundary():
    t = make_trainer(batch=10, shuffle=False)
    t.train_step()
    after_one = params(t)
    t.step_phase()
    t.step_back_phase()
    assert t.step == 1 and t.phase_index == 0 and same(params(t), after_one)
    t.step_back_phase()
    assert t.step == 0 and t.next_phase.kind == "update"
    t.step_phase()
    assert same(params(t), after_one)


def test_rewind_survives_keyframe_thinning(monkeypatch):
    import ann_studio.core.trainer as trainer_mod

    monkeypatch.setattr(trainer_mod, "KEYFRAME_BUDGET", 2000)
    monkeypatch.setattr(trainer_mod, "MIN_KEYFRAME_INTERVAL", 1)
    t = make_trainer(batch=1)
    saved = {}
    for _ in range(60):
        saved[t.step] = params(t)
        t.train_step()
    assert len(t._keyframes) < 60
    for step in (0, 1, 17, 59, 3):
        t.goto(step)
        assert same(params(t), saved[step])


def test_a_new_setting_after_rewind_starts_a_new_future():
    t = make_trainer(batch=2)
    t.train(steps=10)
    t.goto(4)
    t.set_learning_rate(0.01)
    assert t.horizon == 4
    with pytest.raises(ValueError):
        t.goto(8)
    t.train(steps=2)
    assert t.step == 6 and len(t.step_losses) == 6


def test_divergence_names_the_step_and_the_layer():
    t = make_trainer(batch=10, shuffle=False, lr=50.0, spec=NetworkSpec.chain([3, 4, 2], activation="linear"))
    with pytest.raises(DivergenceError) as info, np.errstate(all="ignore"):
        for _ in range(2000):
            t.train_step()
    assert info.value.layer in ("hidden", "out")
    assert f"step {info.value.step}" in str(info.value)


def test_frozen_parameters_do_not_move():
    spec = NetworkSpec.chain([3, 4, 2])
    spec.layers[1].train_weights = False
    spec.layers[2].train_bias = False
    t = make_trainer(spec=spec)
    before = params(t)
    t.train_epoch()
    after = params(t)
    assert np.array_equal(before[0], after[0]) and np.array_equal(before[3], after[3])
    assert not np.array_equal(before[1], after[1]) and not np.array_equal(before[2], after[2])


def test_full_batch_is_one_step_per_epoch():
    t = make_trainer(batch=1000)
    t.train_epoch()
    assert t.step == 1 and t.epoch == 1


def test_shuffle_is_reproducible_from_the_seed():
    a, b = make_trainer(), make_trainer()
    a.train(epochs=2)
    b.train(epochs=2)
    assert same(params(a), params(b))
    c = make_trainer(seed=12)
    c.network.set_parameters(params(make_trainer()))
    c.train(epochs=2)
    assert not same(params(a), params(c))
