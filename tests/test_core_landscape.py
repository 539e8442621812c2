"""The loss landscape's numbers: a slice equals the loss computed directly, network by network."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import merge_spec

from ann_studio.core import LayerSpec, NetworkSpec
from ann_studio.core.landscape import (
    Cancelled,
    ParameterRef,
    loss_slice,
    objective,
    project,
    random_directions,
    sample_subset,
    weight_directions,
    window,
)
from ann_studio.core.landscape_path import replica, run_path
from ann_studio.core.losses import get_loss
from ann_studio.core.network import Network
from ann_studio.core.optimizers import OptimizerSettings
from ann_studio.core.trainer import Trainer, TrainingSettings


def two_weight_network() -> Network:
    """y = σ(w₁x₁ + w₂x₂): two weights, no bias to train (bias fixed at 0)."""
    spec = NetworkSpec([LayerSpec("in", "input", 2),
                        LayerSpec("out", "dense", 1, "sigmoid", ["in"], weights=np.array([[0.3, -0.8]]),
                                  bias=np.zeros(1), train_bias=False)], "out")
    return Network(spec)


X2 = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [-0.5, 2.0], [0.2, -1.0]])
Y2 = np.array([[1.0], [0.0], [1.0], [1.0], [0.0]])


def by_hand(w1: float, w2: float, loss: str = "half_sse") -> float:
    """The loss of σ(w₁x₁ + w₂x₂) written out, sample by sample."""
    total = 0.0
    for (x1, x2), (t,) in zip(X2, Y2):
        out = 1.0 / (1.0 + np.exp(-(w1 * x1 + w2 * x2)))
        total += 0.5 * (out - t) ** 2 if loss == "half_sse" else -(t * np.log(out) + (1 - t) * np.log(1 - out))
    return total / len(X2)


@pytest.mark.parametrize("loss", ["half_sse", "binary_cross_entropy"])
def test_two_weight_slice_is_the_loss_written_out(loss):
    net = two_weight_network()
    dirs = weight_directions(net, net.get_parameters(), ParameterRef("out", "weights", (0, 0)),
                             ParameterRef("out", "weights", (0, 1)))
    assert dirs.origin == (0.3, -0.8)
    a = np.linspace(-3, 3, 41)
    b = np.linspace(-2, 4, 31)
    grid = loss_slice(net, get_loss(loss), X2, Y2, dirs, a, b)
    assert grid.shape == (31, 41)
    expected = np.array([[by_hand(w1, w2, loss) for w1 in a] for w2 in b])
    np.testing.assert_allclose(grid, expected, rtol=1e-12, atol=1e-15)
    # the centre of the plane is the network as it is
    assert loss_slice(net, get_loss(loss), X2, Y2, dirs, [0.3], [-0.8])[0, 0] == pytest.approx(by_hand(0.3, -0.8, loss), rel=1e-13)


def test_weights_slice_axes_read_as_the_weights_and_the_path_projects_exactly():
    net = two_weight_network()
    dirs = weight_directions(net, net.get_parameters(), ParameterRef("out", "weights", (0, 1)),
                             ParameterRef("out", "weights", (0, 0)))
    path = [[np.array([[w1, w2]]), np.zeros(1)] for w1, w2 in [(0.0, 0.0), (1.5, -2.0), (0.3, -0.8)]]
    np.testing.assert_allclose(project(dirs, path), [[0.0, 0.0], [-2.0, 1.5], [-0.8, 0.3]], atol=1e-14)
    with pytest.raises(ValueError):
        weight_directions(net, net.get_parameters(), ParameterRef("out", "weights", (0, 1)),
                          ParameterRef("out", "weights", (0, 1)))
    with pytest.raises(IndexError):
        weight_directions(net, net.get_parameters(), ParameterRef("out", "weights", (0, 2)),
                          ParameterRef("out", "weights", (0, 1)))


def test_random_directions_are_filter_normalised_seeded_and_leave_biases_alone():
    net = Network(merge_spec(), np.random.default_rng(3))
    centre = net.get_parameters()
    dirs = random_directions(net, centre, seed=5)
    again = random_directions(net, centre, seed=5)
    other = random_directions(net, centre, seed=6)
    for k in range(len(net.dense)):
        W = centre[2 * k]
        for d in (dirs.first[2 * k], dirs.second[2 * k]):
            np.testing.assert_allclose(np.linalg.norm(d, axis=1), np.linalg.norm(W, axis=1), rtol=1e-12)
        assert not dirs.first[2 * k + 1].any() and not dirs.second[2 * k + 1].any()
        np.testing.assert_array_equal(dirs.first[2 * k], again.first[2 * k])
        assert not np.array_equal(dirs.first[2 * k], other.first[2 * k])
        assert not np.allclose(dirs.first[2 * k], dirs.second[2 * k])


@pytest.mark.parametrize("loss,out_act,outputs", [("half_sse", "sigmoid", 2), ("cross_entropy", "softmax", 3),
                                                   ("mse", "linear", 1)])
def test_random_slice_of_a_merging_network_equals_each_network_computed_directly(loss, out_act, outputs):
    """A DAG whose layers concatenate several sources, fed partly by the inputs (the affine
    shortcut) and partly by hidden layers (the batched products), against plain forward passes."""
    net = Network(merge_spec(out_activation=out_act, outputs=outputs), np.random.default_rng(1))
    rng = np.random.default_rng(2)
    x = rng.normal(size=(23, 3))
    y = np.eye(outputs)[rng.integers(0, outputs, 23)] if loss == "cross_entropy" else rng.random((23, outputs))
    settings = OptimizerSettings(weight_decay=0.03, l1=0.01, regularize_bias=True)
    dirs = random_directions(net, net.get_parameters(), seed=1)
    dirs.first[1] += 0.1  # a bias direction too (the weights mode moves biases)
    a, b = np.linspace(-1, 1, 9), np.linspace(-1.5, 0.5, 7)
    grid = loss_slice(net, get_loss(loss), x, y, dirs, a, b, settings)
    before = net.get_parameters()
    for j, bv in enumerate(b):
        for i, av in enumerate(a):
            direct = objective(net, get_loss(loss), x, y, dirs.point(av, bv), settings)
            assert grid[j, i] == pytest.approx(direct, rel=1e-11, abs=1e-13)
    for p, q in zip(before, net.get_parameters()):
        np.testing.assert_array_equal(p, q)  # the oracle put the network back


def test_chunks_and_cancellation(monkeypatch):
    import ann_studio.core.landscape as landscape

    net = Network(merge_spec(), np.random.default_rng(0))
    x, y = np.random.default_rng(1).normal(size=(40, 3)), np.random.default_rng(2).random((40, 2))
    dirs = random_directions(net, net.get_parameters())
    whole = loss_slice(net, get_loss("half_sse"), x, y, dirs, np.linspace(-1, 1, 11), np.linspace(-1, 1, 11))
    monkeypatch.setattr(landscape, "CHUNK_VALUES", 500)  # a few grid points per chunk
    chunked = loss_slice(net, get_loss("half_sse"), x, y, dirs, np.linspace(-1, 1, 11), np.linspace(-1, 1, 11))
    np.testing.assert_allclose(chunked, whole, rtol=1e-13)
    calls = []
    with pytest.raises(Cancelled):
        loss_slice(net, get_loss("half_sse"), x, y, dirs, np.linspace(-1, 1, 11), np.linspace(-1, 1, 11),
                   cancelled=lambda: calls.append(1) or len(calls) > 2)
    with pytest.raises(ValueError):
        loss_slice(net, get_loss("half_sse"), x, y, dirs, np.zeros(500), np.zeros(3))


def test_diverging_grid_points_are_inf_or_nan_not_errors():
    net = two_weight_network()
    dirs = weight_directions(net, net.get_parameters(), ParameterRef("out", "weights", (0, 0)),
                             ParameterRef("out", "weights", (0, 1)))
    grid = loss_slice(net, get_loss("binary_cross_entropy"), X2, Y2, dirs, [-1e300, 0.0], [1e300, 0.0])
    assert np.isfinite(grid[1, 1])


def test_sample_subset_is_everything_for_small_problems_and_bounded_for_big_ones():
    small = Network(NetworkSpec.chain([2, 4, 1]))
    np.testing.assert_array_equal(sample_subset(500, small, 41 * 41), np.arange(500))
    big = Network(NetworkSpec.chain([784, 30, 10]))
    picked = sample_subset(60_000, big, 41 * 41)
    assert 32 <= len(picked) < 1000 and picked[0] == 0 and picked[-1] == 59_999


def test_window_holds_the_centre_and_every_path():
    net = two_weight_network()
    dirs = weight_directions(net, net.get_parameters(), ParameterRef("out", "weights", (0, 0)),
                             ParameterRef("out", "weights", (0, 1)))
    (a0, a1), (b0, b1) = window(dirs, [np.array([[5.0, -0.8], [0.3, -0.8]])])
    assert a0 < 0.3 - 1 and a1 > 5.0 and b0 < -1.8 and b1 > 0.2
    (a0, a1), _ = window(dirs, [])
    assert a0 < -0.7 and a1 > 1.3


def _xor_trainer(optimizer: OptimizerSettings, batch: int = 1) -> Trainer:
    net = Network(NetworkSpec.chain([2, 3, 1]), np.random.default_rng(4))
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([[0.0], [1.0], [1.0], [0.0]])
    return Trainer(net, "half_sse", optimizer, TrainingSettings(batch_size=batch, shuffle=True, seed=2), x, y)


def test_run_path_replays_every_step_of_the_run_bit_for_bit():
    trainer = _xor_trainer(OptimizerSettings(type="sgd", learning_rate=2.0, momentum=0.9))
    expected = [np.concatenate([p.ravel() for p in trainer.network.get_parameters()])]
    for _ in range(40):
        trainer.train_step()
        expected.append(np.concatenate([p.ravel() for p in trainer.network.get_parameters()]))
    trainer.set_learning_rate(0.5)  # a setting changed mid-run: the replay follows the log
    for _ in range(25):
        trainer.train_step()
        expected.append(np.concatenate([p.ravel() for p in trainer.network.get_parameters()]))
    state = trainer.state_dict()
    steps, points = run_path(replica(trainer), state)
    np.testing.assert_array_equal(steps, np.arange(66))
    np.testing.assert_array_equal(points, np.array(expected))
    assert trainer.step == 65  # the run itself did not move


def test_run_path_beyond_the_replayed_steps_uses_the_keyframes_and_ends_at_the_weights():
    trainer = _xor_trainer(OptimizerSettings(type="adam", learning_rate=0.05))
    trainer.train(steps=400)
    state = trainer.state_dict()
    steps, points = run_path(replica(trainer), state, dense_steps=100)
    assert list(steps[:101]) == list(range(101))
    assert steps[-1] == 400 and np.all(np.diff(steps) > 0) and len(steps) > 102
    np.testing.assert_array_equal(points[-1], np.concatenate([p.ravel() for p in trainer.network.get_parameters()]))
    steps, points = run_path(replica(trainer), None)
    assert len(steps) == 1 and len(points) == 1


def test_contours_lie_on_their_level_and_the_computed_picture_matches_the_slice():
    from ann_studio.core.landscape_compute import LandscapeRequest, RunRequest, compute, contour_segments

    rows, cols = np.indices((21, 31), dtype=float)
    values = (cols - 15.0) ** 2 + 2 * (rows - 10.0) ** 2
    segments, levels = contour_segments(values, np.array([20.0, 60.0]))
    assert len(segments) > 20 and set(levels) == {20.0, 60.0}
    x, y = segments[..., 0], segments[..., 1]
    exact = (x - 15.0) ** 2 + 2 * (y - 10.0) ** 2
    np.testing.assert_allclose(exact, np.broadcast_to(levels[:, None], exact.shape), rtol=0.08)

    trainer = _xor_trainer(OptimizerSettings(type="sgd", learning_rate=3.0))
    trainer.train(steps=30)
    request = LandscapeRequest(replica(trainer).network, trainer.loss, trainer.x, trainer.y,
                               trainer.network.get_parameters(), trainer.optimizer.settings, "random", 3,
                               runs=[RunRequest("main", "#1f77b4", trainer.state_dict(), replica(trainer))],
                               resolution=21)
    picture = compute(request)
    path = picture.paths[0]
    assert list(path.steps) == list(range(31))
    np.testing.assert_allclose(path.coords[-1], [0.0, 0.0], atol=1e-12)  # the run ends at the centre
    assert picture.a_values[0] < path.coords[:, 0].min() and picture.a_values[-1] > path.coords[:, 0].max()
    direct = objective(request.network, trainer.loss, trainer.x, trainer.y,
                       picture.directions.point(picture.a_values[4], picture.b_values[7]))
    assert picture.values[7, 4] == pytest.approx(direct, rel=1e-12)
    with pytest.raises(Cancelled):
        compute(request, cancelled=lambda: True)


def test_path_directions_hold_a_path_that_lies_in_a_plane_exactly():
    from ann_studio.core.landscape import path_directions

    net = Network(merge_spec(), np.random.default_rng(5))
    centre = net.get_parameters()
    c = np.concatenate([p.ravel() for p in centre])
    rng = np.random.default_rng(0)
    u, v = rng.normal(size=len(c)), rng.normal(size=len(c))
    t = np.linspace(0, 1, 30)
    path = c[None] + np.outer(np.cos(3 * t) - 1, u) + np.outer(0.3 * np.sin(5 * t), v)  # ends... anywhere
    dirs = path_directions(centre, [path])
    coords = project(dirs, path)
    back = c[None] + coords[:, :1] * np.concatenate([d.ravel() for d in dirs.first]) \
        + coords[:, 1:] * np.concatenate([d.ravel() for d in dirs.second])
    np.testing.assert_allclose(back, path, atol=1e-10)  # every point is on the plane
    assert dirs.explained[0] >= dirs.explained[1] > 0 and sum(dirs.explained) == pytest.approx(1.0)
    # the slice in this plane is the loss there
    x, y = rng.normal(size=(12, 3)), rng.random((12, 2))
    grid = loss_slice(net, get_loss("half_sse"), x, y, dirs, coords[[3, 17], 0], coords[[3, 17], 1])
    assert grid[0, 0] == pytest.approx(objective(net, get_loss("half_sse"), x, y, dirs.point(*coords[3])), rel=1e-12)
    flat = path_directions(centre, [c[None]])  # no spread: both directions zero, nothing breaks
    assert not np.concatenate([d.ravel() for d in flat.first]).any()
