"""``training.dtype`` (issue 16): a float32 run computes in float32 throughout, steps phase by phase
to the same bits as its fast path, rewinds and reopens exactly, and agrees with float64 and with
PyTorch in float32 within the tolerance documented in docs/file-format.md."""

import json

import numpy as np
import pytest

from ann_studio.core import (
    Network,
    NetworkSpec,
    OptimizerSettings,
    ProjectError,
    Trainer,
    TrainingSettings,
    load_project,
    parse_project,
    save_project,
)
from tests.helpers import EXAMPLES

#: the largest difference of any weight, relative to the largest weight (the documented
#: tolerance): float32 against float64 after 5 epochs of 40 mini-batches (measured 3e-7 to 1.1e-6),
#: and against PyTorch in float32 after 50 full-batch steps (measured 1e-7)
TOLERANCE_VS_FLOAT64 = 1e-5
TOLERANCE_VS_TORCH32 = 1e-6


def data(n=400, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (n, 6))
    y = np.eye(3)[(x[:, 0] + x[:, 1] * x[:, 2] > 0).astype(int) + (x[:, 3] > 0.5)]
    return x, y


def trainer(dtype, opt=None, loss="half_sse", out="sigmoid", batch=10):
    spec = NetworkSpec.chain([6, 12, 3])
    spec.layers[-1].activation = out
    x, y = data()
    return Trainer(Network(spec, np.random.default_rng(4)), loss, opt or OptimizerSettings(learning_rate=0.5),
                   TrainingSettings(batch_size=batch, shuffle=True, seed=1, dtype=dtype), x, y, x[:50], y[:50])


def params(t):
    return t.network.get_parameters()


def relative_difference(a, b):
    return max(float(np.max(np.abs(u.astype(float) - v.astype(float)))) for u, v in zip(a, b)) / max(
        float(np.max(np.abs(v))) for v in b)


def test_a_float32_run_computes_in_float32_throughout():
    t = trainer("float32", OptimizerSettings(type="adam", learning_rate=0.01))
    t.train(steps=3)
    assert t.x.dtype == t.y.dtype == np.float32
    assert all(p.dtype == np.float32 for p in params(t))
    assert all(a.dtype == np.float32 for a in t.pass_.a if a is not None)
    assert all(g.dtype == np.float32 for g in t.pass_.grad_W if g is not None)
    assert all(b.dtype == np.float32 for b in t.optimizer.state["exp_avg"])
    assert t.x.nbytes == data()[0].nbytes // 2


@pytest.mark.parametrize("opt", [OptimizerSettings(learning_rate=0.5, momentum=0.9, weight_decay=1e-3),
                                 OptimizerSettings(type="adam", learning_rate=0.01)])
def test_float32_phase_stepping_and_rewind_equal_the_fast_path(opt):
    slow, fast = trainer("float32", opt), trainer("float32", opt)
    while slow.step < 57:
        slow.step_phase()
    fast.train(steps=57)
    assert all(np.array_equal(a, b) for a, b in zip(params(slow), params(fast)))
    assert slow.step_losses == fast.step_losses and list(slow.epoch_records) == list(fast.epoch_records)
    fast.goto(13)
    fast.goto(57)
    assert all(np.array_equal(a, b) for a, b in zip(params(slow), params(fast)))


@pytest.mark.parametrize("loss, out", [("half_sse", "sigmoid"), ("cross_entropy", "softmax"),
                                       ("binary_cross_entropy", "sigmoid")])
def test_float32_agrees_with_float64_within_the_documented_tolerance(loss, out):
    runs = {dtype: trainer(dtype, loss=loss, out=out) for dtype in ("float32", "float64")}
    for t in runs.values():
        t.train(epochs=5)
    assert relative_difference(params(runs["float32"]), params(runs["float64"])) < TOLERANCE_VS_FLOAT64
    assert abs(runs["float32"].epoch_records[-1].loss - runs["float64"].epoch_records[-1].loss) < 1e-6


def test_float32_agrees_with_pytorch_in_float32():
    torch = pytest.importorskip("torch")
    t = trainer("float32", batch=400)  # full batch: no order to reproduce
    W1, b1, W2, b2 = (torch.tensor(p.copy(), requires_grad=True) for p in params(t))
    x, y = (torch.tensor(a, dtype=torch.float32) for a in data())
    opt = torch.optim.SGD([W1, b1, W2, b2], lr=0.5)
    for _ in range(50):
        a2 = torch.sigmoid(torch.sigmoid(x @ W1.T + b1) @ W2.T + b2)
        loss = 0.5 * ((a2 - y) ** 2).sum(1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    t.train(steps=50)
    assert relative_difference(params(t), [p.detach().numpy() for p in (W1, b1, W2, b2)]) < TOLERANCE_VS_TORCH32


def test_a_float32_run_saves_reopens_and_continues_exactly(tmp_path):
    obj = json.loads((EXAMPLES / "spirals.annproj").read_text(encoding="utf-8"))
    obj["training"].update(dtype="float32", shuffle=True, batch_size=7)
    obj["optimizer"] = {"type": "adam", "learning_rate": 0.01}
    (tmp_path / "s.annproj").write_text(json.dumps(obj), encoding="utf-8")
    project = load_project(tmp_path / "s.annproj")
    assert project.training.dtype == "float32"
    t = project.build_trainer()
    t.train(steps=120)
    project.run = t.state_dict()
    save_project(project, tmp_path / "mid.annproj")
    assert json.loads((tmp_path / "mid.annproj").read_text(encoding="utf-8"))["training"]["dtype"] == "float32"
    reopened = load_project(tmp_path / "mid.annproj").build_trainer()
    assert reopened.dtype == np.float32
    t.train(steps=60)
    reopened.train(steps=60)
    assert all(np.array_equal(a, b) for a, b in zip(params(t), params(reopened)))
    reopened.goto(30)
    t.goto(30)
    assert all(np.array_equal(a, b) for a, b in zip(params(t), params(reopened)))


def test_an_unknown_dtype_is_one_plain_line():
    obj = json.loads((EXAMPLES / "xor.annproj").read_text(encoding="utf-8"))
    obj["training"]["dtype"] = "float16"
    with pytest.raises(ProjectError) as info:
        parse_project(obj)
    assert str(info.value) == 'training.dtype: unknown name "float16"; expected one of float32, float64'
