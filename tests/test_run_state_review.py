"""Review of issue 12 (the run is part of the project): regression tests for bugs found by a
fresh-eyes review. Each test states the contract it checks; they fail until the bug is fixed."""

from __future__ import annotations

import copy
import json
import multiprocessing

import numpy as np
import pytest

from ann_studio.core import load_project
from ann_studio.core.errors import ProjectError
from ann_studio.core.history import StepLosses, encode_floats
from ann_studio.core.project import parse_project, project_to_json
from tests.helpers import EXAMPLES


def _params(t) -> list[np.ndarray]:
    return [p.copy() for p in t.network.get_parameters()]


def _same(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a, b))


def _xor_run_json(steps: int = 30) -> dict:
    p = load_project(EXAMPLES / "xor.annproj")
    t = p.build_trainer()
    t.train(steps=steps)
    q = p.copy()
    q.run = t.state_dict()
    return json.loads(json.dumps(project_to_json(q)))


# ----------------------------------------------------------------------------- trainer


def test_a_weight_typed_after_a_rewind_drops_the_later_settings_changes_too():
    """trainer.set_parameter → _cut_future drops later edits but keeps later settings_log entries:
    the new future runs with the old η, yet a rewind into it replays with the dropped η."""
    t = load_project(EXAMPLES / "xor.annproj").build_trainer()
    t.train(steps=100)
    s = t.optimizer.settings.copy()
    s.learning_rate = 0.7
    t.configure(optimizer=s)  # η 2.0 → 0.7 at step 100
    t.train(steps=50)
    t.goto(50)
    t.set_parameter("hidden", "bias", (0,), 0.3)  # a new future from step 50
    t.train(steps=100)
    at_150 = _params(t)
    rate = t.learning_rate
    t.goto(120)
    assert t.learning_rate == rate
    t.goto(150)
    assert _same(at_150, _params(t)), "replaying the new future gives other numbers"


# ----------------------------------------------------------------------------- history


def _loads_within(obj, seconds: float = 10.0):
    """StepLosses.from_json in a child process (it may never return)."""
    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=_from_json_child, args=(obj,))
    proc.start()
    proc.join(seconds)
    alive = proc.is_alive()
    if alive:
        proc.kill()
        proc.join()
    return not alive


def _from_json_child(obj) -> None:
    try:
        StepLosses.from_json(obj, "run.history.step_loss")
    except ProjectError:
        pass


def test_step_loss_history_with_a_large_bucket_loads_and_does_not_hang():
    """history.py from_json: ``while tail > 2 × EXACT: _fold()`` never ends once the bucket is ≥
    2^16 (a 5·10^8-step run, or any hostile file): _fold folds 0 values when 2·bucket exceeds the
    surplus. Loading must finish (a ProjectError is fine for a hostile file)."""
    obj = {"bucket": 2**16, "exact_from": 0, "mean": "", "min": "", "max": "",
           "exact": encode_floats(np.zeros(2 * StepLosses.EXACT + 1))}
    assert _loads_within(obj), "StepLosses.from_json hangs"


class _Small(StepLosses):
    EXACT = 2**6
    MAX_BUCKETS = 2**4


def test_a_long_step_history_round_trips_through_json():
    """The same hang reached by a legitimate history (scaled down: EXACT 64, 16 buckets): once the
    bucket grew to ≥ EXACT, a saved history whose exact part is above 2 × EXACT never loads."""
    s = _Small()
    rng = np.random.default_rng(1)
    while not (s.bucket >= s.EXACT and len(s) % (2 * s.bucket) > s.EXACT):
        s.append(float(rng.random()))
    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=_small_child, args=(s.to_json(),))
    proc.start()
    proc.join(10)
    hung = proc.is_alive()
    if hung:
        proc.kill()
        proc.join()
    assert not hung, "a saved long history never loads"


def _small_child(obj) -> None:
    from tests.test_run_state_review import _Small

    _Small.from_json(obj, "x")


# ----------------------------------------------------------------------------- hostile files


@pytest.mark.parametrize("state", [-5, 2**300])
def test_a_bogus_random_generator_state_is_a_project_error(state):
    """run_file._read_order catches TypeError/ValueError/KeyError, not the OverflowError NumPy
    raises for an out-of-range PCG64 state: a traceback instead of a ProjectError."""
    obj = _xor_run_json()
    obj["run"]["data_order"]["rng"]["state"]["state"] = state
    with pytest.raises(ProjectError):
        parse_project(obj)


def test_a_cursor_past_the_data_is_a_project_error():
    """run.cursor is never checked against the samples: the next step divides by an empty batch
    (ZeroDivisionError in losses.value) instead of the file being refused with a path."""
    obj = _xor_run_json()
    obj["run"]["cursor"] = 10**6
    with pytest.raises(ProjectError):
        trainer = parse_project(obj).build_trainer()
        trainer.train(steps=3)


def test_a_phase_beyond_the_step_is_a_project_error():
    """run.phase (≤ 10,000) is replayed as that many phases: a phase beyond the step silently
    trains on, so the trainer ends far past run.step."""
    obj = _xor_run_json()
    obj["run"]["phase"] = 9999
    try:
        trainer = parse_project(obj).build_trainer()
    except ProjectError:
        return
    assert trainer.step == 30


def _capped_load(path: str, queue) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1500 * 2**20, 1500 * 2**20))
    try:
        load_project(path)
        queue.put("loaded")
    except ProjectError:
        queue.put("ProjectError")
    except BaseException as exc:  # noqa: BLE001
        queue.put(type(exc).__name__)


def test_a_sidecar_array_of_the_wrong_shape_is_refused_before_it_is_read(tmp_path):
    """array_store.lookup reads the whole array (np.asarray(npz[key])) before checking its shape:
    a 2 MB compressed sidecar holding 16000×16000 zeros allocates 1.9 GB, a MemoryError under a cap."""
    from ann_studio.core.project import dumps

    obj = project_to_json(load_project(EXAMPLES / "xor.annproj"))
    layer = next(lay for lay in obj["network"]["layers"] if lay.get("type") == "dense")
    layer["weights"] = {"npz": "a0"}
    obj["arrays"] = "x.annproj.arrays.npz"
    (tmp_path / "x.annproj").write_text(dumps(obj))
    with open(tmp_path / "x.annproj.arrays.npz", "wb") as fh:
        np.savez_compressed(fh, a0=np.zeros((16000, 16000)))
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_capped_load, args=(str(tmp_path / "x.annproj"), queue))
    proc.start()
    proc.join(60)
    assert queue.get(timeout=5) == "ProjectError"


# ----------------------------------------------------------------------------- the session


@pytest.fixture
def session(qtbot):
    from ann_studio.document.project_document import ProjectDocument
    from ann_studio.document.session import TrainingSession

    doc = ProjectDocument(load_project(EXAMPLES / "xor.annproj"))
    s = TrainingSession(doc)
    s.use_worker = False
    yield s
    s.shutdown()


def test_renaming_a_layer_mid_run_keeps_its_trained_weights(session):
    """run_carry._mapped matches layers by id: a renamed layer (and its consumers' columns from it)
    gets its starting weights back, and its optimizer state is reset. A rename is no structural
    change at all."""
    from ann_studio.document.commands import NetworkEditCommand, with_layer_edited

    doc = session.document
    for _ in range(200):
        session.step_batch()
    hidden = session.trainer.network.layer("hidden").W.copy()
    out = session.trainer.network.layer("out").W.copy()
    doc.undo_stack.push(NetworkEditCommand(doc, with_layer_edited(doc.network, "hidden", id="renamed"), "rename"))
    t = session.trainer
    assert t.step == 200
    assert np.array_equal(t.network.layer("renamed").W, hidden)
    assert np.array_equal(t.network.layer("out").W, out)


def test_undoing_a_shuffle_toggle_gives_the_run_back(session):
    """session._on_document_settings_changed rebuilds at step 0 when shuffle or the seed change;
    Undo of that setting rebuilds at step 0 again: the run is lost for good."""
    doc = session.document
    from ann_studio.document.commands import SetSettingsCommand

    for _ in range(250):
        session.step_batch()
    training = copy.deepcopy(doc.project.training)
    training.shuffle = not training.shuffle
    doc.undo_stack.push(SetSettingsCommand(doc, doc.project.loss, doc.project.optimizer, training, "shuffle"))
    doc.undo_stack.undo()
    assert session.trainer.step == 250


def test_undoing_an_edit_that_broke_the_network_gives_the_run_back(session):
    """A structural edit the trainer cannot build (here: a cut connection) leaves trainer None;
    Undo then builds at step 0 (carry needs the old trainer): the run is lost."""
    from ann_studio.document.commands import NetworkEditCommand, without_edge

    doc = session.document
    for _ in range(100):
        session.step_batch()
    doc.undo_stack.push(NetworkEditCommand(doc, without_edge(doc.network, "hidden", "out"), "cut"))
    assert session.trainer is None
    doc.undo_stack.undo()
    assert session.trainer is not None and session.trainer.step == 100


def test_saving_while_the_network_does_not_fit_the_data_writes_a_file_that_opens(session, tmp_path):
    """With the trainer unbuildable (3 input units, 2 data columns) the document keeps the last
    synced run of the old structure; Save writes its arrays into the edited network
    (with_current_weights / run_to_json zip by position) and the file can never be reopened."""
    from ann_studio.document.commands import NetworkEditCommand, with_layer_edited

    doc = session.document
    for _ in range(100):
        session.step_batch()
    doc.sync_run()  # as a pause or an autosave does
    doc.undo_stack.push(NetworkEditCommand(doc, with_layer_edited(doc.network, "in", units=3), "3 inputs"))
    assert session.trainer is None
    doc.save(tmp_path / "saved.annproj")
    load_project(tmp_path / "saved.annproj")  # a file without a run would open (and say the data does not fit)


def test_a_run_with_a_horizon_beyond_the_slider_range_opens_in_the_window(qtbot, tmp_path):
    """run.horizon (and run.step, via a large step-loss bucket) has no upper bound in run_file;
    training_panel.refresh calls timeline.setRange(first_step, horizon) and raises OverflowError
    above 2^31 − 1, in a slot, on every refresh."""
    from ann_studio.core.project import dumps
    from tests.qt_helpers import make_window

    p = load_project(EXAMPLES / "xor.annproj")
    t = p.build_trainer()
    t.train(steps=5)
    p.run = t.state_dict()
    obj = project_to_json(p)
    obj["run"]["horizon"] = 2**40
    (tmp_path / "h.annproj").write_text(dumps(obj))
    window = make_window(qtbot, tmp_path, None, all_panels=True)
    try:
        opened = window.open_project(tmp_path / "h.annproj")
    except ProjectError:
        return
    if opened:
        window.docks["training_panel"].widget().refresh()
