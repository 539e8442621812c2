"""Every example project loads, validates, trains a little and saves back unchanged; each has
English and Chinese titles and descriptions; the digits example reaches ≥ 95% test accuracy."""

import json
import time

import numpy as np
import pytest

from ann_studio.cli import run as cli_run
from ann_studio.core import load_project, project_to_json
from tests.helpers import EXAMPLES

NAMES = sorted(p.stem for p in EXAMPLES.glob("*.annproj"))


def test_the_examples_of_the_issue_are_there():
    assert {"lesson", "mazur", "xor", "spirals", "digits", "watermelon"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_example_loads_validates_and_trains(name):
    project = load_project(EXAMPLES / f"{name}.annproj")
    trainer = project.build_trainer()
    before = trainer.evaluate().loss
    trainer.train(steps=min(200, 3 * trainer.steps_per_epoch()))
    assert np.isfinite(trainer.step_losses).all()
    assert trainer.evaluate().loss < before


@pytest.mark.parametrize("name", NAMES)
def test_example_has_english_and_chinese_texts(name):
    raw = json.loads((EXAMPLES / f"{name}.annproj").read_text(encoding="utf-8"))
    for key in ("title", "description"):
        assert set(raw[key]) >= {"en", "zh"}
        assert raw[key]["en"].strip() and raw[key]["zh"].strip()
        assert any("\u4e00" <= ch <= "\u9fff" for ch in raw[key]["zh"])  # really Chinese


@pytest.mark.parametrize("name", NAMES)
def test_example_round_trips_through_the_loader(name):
    raw = json.loads((EXAMPLES / f"{name}.annproj").read_text(encoding="utf-8"))
    again = project_to_json(load_project(EXAMPLES / f"{name}.annproj"))
    for key in raw:  # every key survives, values equal (defaults may be written out)
        if key not in ("optimizer", "training", "network", "version"):
            assert again[key] == raw[key], key
    assert again["version"] == 2  # a v1 example is written back as v2 (the same content)
    assert again["network"]["output"] == raw["network"]["output"]


@pytest.mark.parametrize("name, epochs, accuracy", [("spirals", 200, 0.95), ("circles", 100, 0.95)])
def test_examples_learn_their_task(name, epochs, accuracy):
    trainer = load_project(EXAMPLES / f"{name}.annproj").build_trainer()
    trainer.train(epochs=epochs)
    assert trainer.epoch_records[-1].test_accuracy >= accuracy


def test_watermelon_accumulated_bp_fits_all_melons():
    project = load_project(EXAMPLES / "watermelon.annproj")
    assert project.training.batch_size == 17  # accumulated BP: all 17 melons per update
    trainer = project.build_trainer()
    trainer.train(epochs=5000)
    assert trainer.epoch_records[-1].accuracy == 1.0


@pytest.mark.slow
def test_digits_reach_95_percent_through_the_cli(capsys):
    """The issue's must-show: `ann-studio train digits.annproj --epochs 30 --json` (about 3 s)."""
    started = time.perf_counter()
    assert cli_run(["train", str(EXAMPLES / "digits.annproj"), "--epochs", "30", "--json"]) == 0
    elapsed = time.perf_counter() - started
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 30 and lines[-1]["epoch"] == 30
    assert lines[-1]["test_accuracy"] >= 0.95
    assert elapsed < 30
