"""Review of issue 17 (hostile data files, classroom locks): regression tests for the bugs a
fresh-eyes review found. Each test states the contract it checks; a failing one is a bug still
open, not a wrong test."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from dataclasses import replace

import numpy as np
import pytest
from qt_helpers import make_window

from ann_studio.core.datasets import limits, load_csv, load_npz
from ann_studio.core.errors import DataError
from ann_studio.lessons import Assignment, save_assignment
from ann_studio.views.classroom_mode import open_assignment
from tests.helpers import ROOT
from tests.hostile_data import npy_header
from tests.qt_helpers import wizard_checked
from tests.test_data_hostile import (
    MEMORY_CAP,
    TIME_LIMIT,
    check_one_line_refusal,
    fingerprint,
    run_cli,
    write_project,
)

# ----------------------------------------------------------------------------- npz


def _npz_with_huge_empty_inputs(folder):
    """inputs.npy declares shape (4, 10**30, 0): zero values, so every value limit passes, but NumPy
    cannot make an array with a dimension of 10**30."""
    with zipfile.ZipFile(folder / "empty.npz", "w") as archive:
        archive.writestr("inputs.npy", npy_header("<f8", (4, 10**30, 0)))
        archive.writestr("targets.npy", npy_header("<f8", (4,)) + np.array([0.0, 1, 0, 1]).tobytes())
    return {"train": {"file": "empty.npz"}}


def test_an_npz_shape_with_no_values_but_a_huge_dimension_is_a_data_error(tmp_path):
    # npz_archive.Archive.read reshapes to the declared shape: ValueError "Maximum allowed
    # dimension exceeded" escapes as a traceback (CLI) or in the import wizard's slot
    _npz_with_huge_empty_inputs(tmp_path)
    with pytest.raises(DataError, match="empty.npz: inputs"):
        load_npz(tmp_path / "empty.npz")


def test_an_npz_shape_with_a_huge_dimension_gives_one_line_on_the_command_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    project = write_project(data, _npz_with_huge_empty_inputs(data))
    before = fingerprint(data)
    check_one_line_refusal(run_cli(["validate", str(project)], tmp_path), ["empty.npz: inputs"])
    assert fingerprint(data) == before


# ----------------------------------------------------------------------------- CSV


def test_csv_target_values_are_checked_as_the_rows_are_read(tmp_path, monkeypatch):
    """MAX_TARGET_VALUES is checked only after the whole file is in memory (Dataset), unlike
    MAX_INPUT_VALUES and MAX_ROWS: a 122 MB CSV of zeros with 60 target columns (60 M target
    values) reads for 62 s and ends in a MemoryError traceback from split() under a 1.5 GiB cap.
    Here with the limit lowered: the refusal must come when the limit is passed, before the bad
    cell on the last line is reached."""
    monkeypatch.setattr(limits, "TARGET_VALUES", replace(limits.TARGET_VALUES, value=1000))
    rows = "".join(f"{i},0,1\n" for i in range(600)) + "abc,0,1\n"  # 1,200 target values, then a bad cell
    (tmp_path / "wide.csv").write_text(rows, encoding="utf-8")
    with pytest.raises(DataError, match="MAX_TARGET_VALUES"):
        load_csv(tmp_path / "wide.csv", target_columns=[1, 2], task="regression", header=False)


@pytest.mark.parametrize("case", ["one class", "1,001 classes"])
def test_csv_class_label_errors_name_the_file(tmp_path, case):
    """Every importer error names the file: csv_cells._class_labels uses the column's name as
    the location ("y: only one class", "y: too many classes"), and the file is not named."""
    if case == "one class":
        text = "x,y\n1,a\n2,a\n3,a\n"
    else:
        text = "x,y\n" + "".join(f"{i},c{i}\n" for i in range(1001))
    (tmp_path / "labels.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_csv(tmp_path / "labels.csv", task="classification")
    assert "labels.csv" in str(caught.value), str(caught.value)


def test_the_line_limit_counts_bytes_not_characters(tmp_path):
    """MAX_LINE_BYTES is documented in bytes, but csv_text counts characters: a first line of
    4.4 MB of UTF-8 (2.2 M characters) passes it."""
    line = "中," * 1_100_000 + "0\n"
    assert len(line.encode("utf-8")) > limits.LINE_BYTES.value
    (tmp_path / "wide.csv").write_bytes(line.encode("utf-8") + b"1," * 1_100_000 + b"1\n")
    with pytest.raises(DataError, match="MAX_LINE_BYTES"):
        load_csv(tmp_path / "wide.csv")


# ----------------------------------------------------------------------------- files that are not files


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_project_file_that_is_not_a_regular_file_gives_one_line(tmp_path, kind):
    """core/project.py load_project stats the size (0 for a FIFO or /dev/zero) and then
    read_bytes(): /dev/zero ends in a MemoryError traceback, a FIFO hangs forever."""
    if kind == "fifo":
        path = tmp_path / "pipe.annproj"
        os.mkfifo(path)
    else:
        path = "/dev/zero"
    result = run_cli(["validate", str(path)], tmp_path)
    check_one_line_refusal(result, [os.path.basename(str(path))])


def test_an_assignment_that_is_a_fifo_is_refused_not_waited_for(tmp_path):
    """lessons/classroom.py load_assignment reads with path.read_bytes() (no regular-file check, no
    size cap): a FIFO named homework.annclass, opened or dropped on the window, blocks forever."""
    path = tmp_path / "homework.annclass"
    os.mkfifo(path)
    code = ("import sys\nfrom ann_studio.lessons import LessonError, load_assignment\n"
            "try:\n    load_assignment(sys.argv[1])\nexcept LessonError as exc:\n    print(exc)\n")

    def cap():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    try:
        result = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True,
                                timeout=TIME_LIMIT, preexec_fn=cap)
    except subprocess.TimeoutExpired:
        pytest.fail("load_assignment waited for a writer on the FIFO")
    assert result.returncode == 0 and "homework.annclass" in result.stdout, result


# ----------------------------------------------------------------------------- classroom locks


@pytest.fixture
def window(qtbot, tmp_path):
    from ann_studio.views.panels.lessons_panel import LessonsPanel

    LessonsPanel.advance_delay_ms = 0
    w = make_window(qtbot, tmp_path, all_panels=True)
    w.activateWindow()
    yield w
    w.session.shutdown()


def test_the_timeline_does_not_go_back_while_rewind_and_step_back_are_locked(window, qtbot, tmp_path):
    """With rewind_start and step_back locked, dragging the training panel's timeline to 0 still
    takes the run back to step 0 (training_panel._on_timeline_value_changed)."""
    from ann_studio.views.panels.timeline import TimelineSlider

    path = save_assignment(Assignment("mazur", locked=["rewind_start", "step_back"]), tmp_path / "hw")
    assert open_assignment(window, path), window.last_error
    for _ in range(3):
        window.actions["step_batch"].trigger()
    qtbot.waitUntil(lambda: window.session.trainer.step == 3, timeout=5000)
    timeline = window.findChildren(TimelineSlider)[0]
    timeline.setValue(timeline.minimum())
    qtbot.wait(300)
    assert window.session.trainer.step == 3


# ----------------------------------------------------------------------------- the fixes, from other paths


def test_the_import_wizard_shows_an_unexpected_error_as_one_line(qtbot, tmp_path, monkeypatch):
    """An importer's bug (any exception that is not an AnnError) is shown in the wizard, never
    raised as a traceback out of the slot."""
    from ann_studio.document import data_import
    from ann_studio.views.panels import data_wizard

    def broken(_section, _base):
        raise ValueError("Maximum allowed dimension exceeded\nsecond line")

    monkeypatch.setattr(data_import, "dataset_from_section", broken)
    wizard = data_wizard.DataWizard(tmp_path)
    qtbot.addWidget(wizard)
    assert wizard_checked(qtbot, wizard) is False
    shown = wizard.result_label.text().splitlines()
    assert len(shown) == 2 and "ValueError: Maximum allowed dimension exceeded second line" in shown[1], shown
    assert not wizard.ok_button.isEnabled() and wizard.dataset is None


def test_running_out_of_memory_while_splitting_a_csv_is_a_data_error(tmp_path, monkeypatch):
    from ann_studio.core.datasets import csv_import

    def no_memory(*_args):
        raise MemoryError

    monkeypatch.setattr(csv_import, "split", no_memory)
    (tmp_path / "fine.csv").write_text("x,y\n1,0\n2,1\n3,0\n", encoding="utf-8")
    with pytest.raises(DataError, match="^fine.csv: not enough memory to load this file$"):
        load_csv(tmp_path / "fine.csv")


def test_the_csv_cell_limit_is_named_and_follows_limits(tmp_path, monkeypatch):
    """The csv module's field size limit is MAX_CELL_CHARACTERS, named in the message."""
    (tmp_path / "cell.csv").write_text("x,y\n" + "1" * 200 + ",0\n1,1\n", encoding="utf-8")
    assert len(load_csv(tmp_path / "cell.csv", test_fraction=0).train_inputs) == 2
    monkeypatch.setattr(limits, "CELL_CHARACTERS", replace(limits.CELL_CHARACTERS, value=100))
    with pytest.raises(DataError) as caught:
        load_csv(tmp_path / "cell.csv")
    assert str(caught.value) == ("cell.csv: line 2: too large: more than 100 characters in one cell "
                                 "(limit MAX_CELL_CHARACTERS = 100)")


def test_a_shape_numpy_cannot_make_is_refused_in_the_header(tmp_path):
    """Whatever reads the header (data files and a project's array file alike)."""
    from ann_studio.core.datasets.npz_archive import _parse_header

    text = "{'descr': '<f8', 'fortran_order': False, 'shape': (2**61, 2, 0)}"
    with pytest.raises(DataError, match="^a.npz: x: damaged array header"):
        _parse_header(text, "a.npz: x")
    assert _parse_header(text.replace("2**61", str(2**20)), "a.npz: x").size == 0


@pytest.mark.parametrize("suffix", [".annproj", ".annclass"])
def test_a_fifo_dropped_on_the_window_is_refused_at_once(window, tmp_path, monkeypatch, suffix):
    """The drop returns with a message; a watchdog opens the FIFO for writing after 2 s, which
    succeeds only if a reader is waiting on it (and lets that reader go, so the test ends)."""
    import threading

    from PySide6.QtCore import QMimeData, QUrl
    from qt_helpers import drop_mime

    warnings = []
    monkeypatch.setattr("ann_studio.views.main_window.warn", lambda _p, title, text: warnings.append(text))
    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    waited = []

    def watchdog():
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            waited.append(True)
        except OSError:  # ENXIO: nobody is reading, as it should be
            pass

    timer = threading.Timer(2.0, watchdog)
    timer.start()
    try:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        drop_mime(window, mime, window.rect().center())
    finally:
        timer.cancel()
    assert not waited, "the window waited for a writer on the FIFO"
    assert "named pipe (FIFO)" in window.last_error and window.document.path != path


def test_the_timeline_follows_the_backward_actions(window, tmp_path):
    from ann_studio.views.panels.timeline import TimelineSlider

    timeline = window.findChildren(TimelineSlider)[0]
    assert timeline.isEnabled()
    path = save_assignment(Assignment("mazur", hidden=["step_back"]), tmp_path / "hw")
    assert open_assignment(window, path), window.last_error
    assert not timeline.isEnabled()
    other = save_assignment(Assignment("mazur", locked=["step_phase"]), tmp_path / "other")
    assert open_assignment(window, other), window.last_error  # the first assignment's locks go
    assert timeline.isEnabled()


@pytest.mark.parametrize("locked", [True, False])
def test_the_first_phase_step_expands_the_neurons_only_when_neuron_view_is_free(window, qtbot, tmp_path, locked):
    """training_overlay._offer_neuron_view expands the layers on the first phase step: not while
    toggle_neuron_view is locked (the teacher chose the view)."""
    path = save_assignment(Assignment("mazur", locked=["toggle_neuron_view"] if locked else []), tmp_path / "hw")
    assert open_assignment(window, path), window.last_error
    scene = window.canvas_view.scene()
    scene.set_neuron_view(False)
    for _ in range(2):
        window.actions["step_phase"].trigger()
    qtbot.waitUntil(lambda: "hidden" in scene.highlights, timeout=5000)  # the overlay showed the phase
    assert scene.neuron_view == (not locked)
    assert window.actions["toggle_neuron_view"].isChecked() == (not locked)
