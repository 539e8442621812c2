"""The fast path for full-batch training (issue 16): the next step starts from the forward pass
that the epoch's evaluation already made. It must give what phase stepping gives, bit for bit,
through edits, setting changes and rewinds."""

import numpy as np
import pytest

from ann_studio.core import Network, NetworkSpec, OptimizerSettings, Trainer, TrainingSettings
from ann_studio.core import trainer as trainer_module

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def xor_trainer(loss="half_sse", opt=None, shuffle=False, batch=4):
    return Trainer(Network(NetworkSpec.chain([2, 2, 1]), np.random.default_rng(3)), loss,
                   opt or OptimizerSettings(learning_rate=2.0), TrainingSettings(batch_size=batch, shuffle=shuffle),
                   XOR_X, XOR_Y)


def state(t):
    return ([p.tobytes() for p in t.network.get_parameters()], t.step_losses.values().tobytes(),
            [r.as_dict() for r in t.epoch_records])


def by_phases(t, steps):
    for _ in range(steps * len(t.phases)):
        t.step_phase()


@pytest.mark.parametrize("loss", ["half_sse", "binary_cross_entropy"])
def test_full_batch_fast_path_equals_phase_stepping(loss):
    fast, slow = xor_trainer(loss), xor_trainer(loss)
    fast.train(steps=300)
    by_phases(slow, 300)
    assert state(fast) == state(slow)
    assert fast.epoch_records[-1].accuracy == slow.epoch_records[-1].accuracy


def test_the_reused_pass_is_the_one_a_fresh_forward_pass_makes():
    kept, fresh = xor_trainer(), xor_trainer()
    for t in (kept, fresh):
        t.train(steps=5)
    assert kept._forward_ready is not None  # the evaluation kept its pass for step 6
    fresh._forward_ready = None  # step 6 computes its forward pass again
    for t in (kept, fresh):
        t.train_step()
    k = kept.network.output_index
    assert np.array_equal(kept.pass_.a[k], fresh.pass_.a[k]) and kept.pass_.loss == fresh.pass_.loss
    assert state(kept) == state(fresh)


def test_an_edit_between_steps_is_not_overtaken_by_the_kept_pass():
    a, b = xor_trainer(), xor_trainer()
    a.train(steps=20)
    by_phases(b, 20)
    for t in (a, b):
        t.set_parameter(t.network.dense[0].id, "weights", (0, 1), 0.25)
    a.train(steps=20)
    by_phases(b, 20)
    assert state(a) == state(b)
    # a rewind replays the edit at its step: the same numbers again
    a.goto(10)
    a.goto(40)
    assert state(a) == state(b)


def test_a_loss_change_mid_run_and_rewinds_stay_exact():
    a, b = xor_trainer(), xor_trainer()
    for t in (a, b):
        t.train(steps=7) if t is a else by_phases(t, 7)
        t.configure(loss="binary_cross_entropy")
    a.train(steps=13)
    by_phases(b, 13)
    assert state(a) == state(b)
    a.goto(3)
    a.goto(20)
    assert state(a) == state(b)
    a.step_back_phase()
    a.step_phase()
    assert state(a) == state(b)


@pytest.mark.parametrize("shuffle, batch", [(True, 4), (False, 2)])
def test_no_pass_is_kept_when_the_next_batch_differs(shuffle, batch):
    t = xor_trainer(shuffle=shuffle, batch=batch)
    t.train(steps=6)
    assert t._forward_ready is None


def test_momentum_and_adam_full_batch_equal_phase_stepping():
    for opt in (OptimizerSettings(learning_rate=0.5, momentum=0.9, weight_decay=0.01),
                OptimizerSettings(type="adam", learning_rate=0.05)):
        fast, slow = xor_trainer(opt=opt), xor_trainer(opt=opt)
        fast.train(steps=100)
        by_phases(slow, 100)
        assert state(fast) == state(slow)


def test_keyframes_of_a_tiny_network_are_spaced_by_their_cost():
    t = xor_trainer()
    assert t.keyframe_interval == trainer_module.MIN_KEYFRAME_INTERVAL >= 64
    t.train(steps=1000)
    assert len(t._keyframes) <= 1000 // 64 + 1
    saved = {}
    t.goto(0)
    for _ in range(200):
        saved[t.step] = [p.copy() for p in t.network.get_parameters()]
        t.train_step()
    for step in (199, 63, 64, 1, 130):
        t.goto(step)
        assert all(np.array_equal(u, v) for u, v in zip(t.network.get_parameters(), saved[step]))
