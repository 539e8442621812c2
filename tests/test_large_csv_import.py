"""A 1,000,000-row CSV keeps the window responsive (issue 16): the import wizard reads it off the
GUI thread with a progress bar and a Stop button, the data panel draws a thinned subset, and
nothing reads the file a second time. Stopping leaves the project exactly as it was.

Responsiveness is a 10 ms QTimer heartbeat whose largest gap is asserted, with a bound generous
enough for a loaded 2-core machine (before: the import blocked ~5 s, the scatter ~100 s)."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from ann_studio.core import Project
from ann_studio.document.project_document import ProjectDocument
from ann_studio.views.main_window import MainWindow
from ann_studio.views.panels.data_wizard import DataWizard
from ann_studio.views.plots.point_cloud import DRAW_LIMIT

ROWS = 1_000_000
#: the longest the window may stop answering (ms). ~100 ms is the aim and what an idle machine
#: shows (20-100 ms reading, 65-270 ms switching, docs/performance.md); the bound is loose because
#: the suite runs beside other jobs (1.7 s was seen at load 9 on 2 cores; before: 5 s + 102 s)
MAX_GAP_MS = 3000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "million.csv"
    rng = np.random.default_rng(0)
    x = rng.normal(size=(ROWS, 2))
    label = (x[:, 0] * x[:, 1] > 0).astype(int)
    with open(path, "w", encoding="utf-8") as f:
        f.write("x1,x2,label\n")
        np.savetxt(f, np.column_stack([x, label]), fmt=["%.4f", "%.4f", "%d"], delimiter=",")
    return path


class Heartbeat:
    """A 10 ms timer on the GUI thread; :attr:`max_gap` is the longest wait between its ticks."""

    def __init__(self):
        self.gaps: list[int] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(lambda: self.gaps.append(self._clock.restart()))

    def __enter__(self):
        self._clock.start()
        self._timer.start()
        return self

    def __exit__(self, *exc):
        self.gaps.append(self._clock.elapsed())
        self._timer.stop()

    @property
    def max_gap(self) -> int:
        return max(self.gaps)


@pytest.fixture
def window(qtbot):
    w = MainWindow(ProjectDocument())
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.docks["data_panel"].raise_()
    yield w
    w.session.shutdown()


def _wizard(qtbot, window, path) -> DataWizard:
    data = window.docks["data_panel"].widget()
    wizard = DataWizard(window.document.project.base_dir, data)
    qtbot.addWidget(wizard)
    wizard.fields["csv_file"].setText(str(path))
    return wizard


def test_a_million_row_csv_imports_and_shows_without_blocking_the_window(qtbot, window, big_csv, monkeypatch):
    wizard = _wizard(qtbot, window, big_csv)
    wizard.show()
    seen_progress = []
    wizard.progress.valueChanged.connect(seen_progress.append)
    with Heartbeat() as reading, qtbot.waitSignal(wizard.checked, timeout=180_000):
        wizard.check()
        assert wizard.progress_row.isVisibleTo(wizard) and wizard.stop_button.isEnabled()
    assert wizard.dataset is not None and wizard.dataset.n_train + wizard.dataset.n_test == ROWS
    assert any(0 < v < 1000 for v in seen_progress), "the progress bar never moved"
    assert reading.max_gap < MAX_GAP_MS, reading.gaps[-20:]
    assert not wizard.progress_row.isVisibleTo(wizard) and wizard.ok_button.isEnabled()

    def read_again(*_args):
        raise AssertionError("the CSV was read a second time")

    monkeypatch.setattr(Project, "dataset", read_again)
    data = window.docks["data_panel"].widget()
    with Heartbeat() as switching:
        data.use_imported(wizard.section, wizard.dataset)
        qtbot.wait(300)  # the panels' refreshes after the switch
    assert switching.max_gap < MAX_GAP_MS, switching.gaps
    assert window.session.trainer is not None and window.session.trainer.x.shape == (wizard.dataset.n_train, 2)
    assert 0 < data.editor.drawn["train"] <= DRAW_LIMIT
    assert f"of the {ROWS:,} points" in data.info.text()
    assert not data.editor.drawing_enabled  # a drawn point would make a million rows inline
    # Undo and Redo use the data set already read
    window.document.undo_stack.undo()
    window.document.undo_stack.redo()
    assert window.session.dataset is wizard.dataset


def test_stopping_the_import_leaves_the_project_unchanged(qtbot, window, big_csv):
    document = window.document
    before = copy.deepcopy(document.project.data)
    undo_count = document.undo_stack.count()
    wizard = _wizard(qtbot, window, big_csv)
    wizard.show()
    with qtbot.waitSignal(wizard.checked, timeout=60_000):
        job = wizard.check()
        qtbot.waitUntil(lambda: wizard.progress.value() > 0, timeout=30_000)
        with Heartbeat() as stopping:
            wizard.stop_button.click()
    assert stopping.max_gap < MAX_GAP_MS
    assert job.cancelled and wizard.dataset is None and not wizard.ok_button.isEnabled()
    assert "stopped" in wizard.result_label.text()
    assert not job.running
    wizard.reject()
    assert document.project.data == before and document.undo_stack.count() == undo_count
    assert not document.is_modified()
