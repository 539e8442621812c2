"""Racing runs in lockstep in worker processes (issue 15): every branch equals training it alone."""

import time

import numpy as np
import pytest

from ann_studio.core import load_project
from ann_studio.core.race import RacePool, RaceRunner, branch_trainer, race_variants
from ann_studio.core.run_tree import settings_of
from tests.helpers import EXAMPLES


@pytest.fixture(scope="module")
def pool():
    p = RacePool()
    yield p
    p.close()


def forked_project(steps=25):
    project = load_project(EXAMPLES / "circles.annproj")
    dataset = project.dataset()
    trainer = project.build_trainer(dataset)
    trainer.train(steps=steps)
    project.run = trainer.state_dict()
    return project, dataset


def race_to(runner, timeout=60.0):
    deadline = time.perf_counter() + timeout
    while not runner.finished and time.perf_counter() < deadline:
        runner.poll()
        time.sleep(0.002)
    assert runner.finished
    return runner.stop()


@pytest.mark.parametrize("kind", ["optimizers", "learning_rates"])
def test_every_branch_of_a_race_equals_training_it_alone(pool, kind):
    project, dataset = forked_project()
    variants = race_variants(kind, settings_of(project))
    assert len(variants) == 5
    trainers = {name: branch_trainer(project, dataset, project.run, changes) for name, changes in variants}
    end = 25 + 300
    runner = RaceRunner(trainers, end, pool)
    assert 1 <= len(runner.conns) <= 5
    states = race_to(runner)
    assert runner.rounds > 1  # in lockstep rounds, not one go
    for name, changes in variants:
        alone = branch_trainer(project, dataset, project.run, changes)
        try:
            alone.train(steps=end - 25)
        except Exception:  # noqa: BLE001 - a diverging branch (η × 10) diverges alone too, at the same step
            assert name in runner.diverged
            assert states[name]["step"] == alone.step
            continue
        state = states[name]
        assert state["step"] == end
        assert all(np.array_equal(a, b) for a, b in zip(state["params"], alone.network.get_parameters()))
        assert np.array_equal(state["step_losses"].values(), alone.step_losses.values())
        assert state["optimizer_state"]["t"] == alone.optimizer.state["t"]


def test_race_variants_change_what_they_name():
    project, _ = forked_project(0)
    flat = settings_of(project)
    optimizers = dict(race_variants("optimizers", flat))
    assert list(optimizers) == ["SGD", "Momentum", "Nesterov", "RMSprop", "Adam"]
    assert optimizers["Nesterov"]["optimizer.nesterov"] is True and optimizers["Momentum"]["optimizer.momentum"] == 0.9
    rates = race_variants("learning_rates", flat)
    lr = flat["optimizer.learning_rate"]
    assert [c["optimizer.learning_rate"] for _, c in rates] == [lr * f for f in (0.1, 0.3, 1, 3, 10)]
