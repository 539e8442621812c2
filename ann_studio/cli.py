"""The headless command line: ``ann-studio train``, ``ann-studio validate`` (and ``export``).

It never imports Qt, so it starts fast and runs on servers. Exit codes: 0 success; 2 invalid
input (one line on stderr naming the JSON path); 3 training diverged (naming step and layer).

``train`` *continues* the run saved in the file (``--restart``: from its starting weights), so
``train --steps a`` then ``train --steps b`` on the output equals ``train --steps a+b`` bit for
bit; the output holds the run (file format v2). ``--set KEY=VALUE`` changes a setting from the
current step on (recorded in the run's settings log); ``--fork NAME`` branches a new run off the
current one at its current step, ``--run NAME`` continues another run of the file; ``runs`` lists
them (docs/cli.md). ``export`` writes the current weights (``--initial``: the starting ones).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_DIVERGED = 0, 2, 3
COMMANDS = ("train", "runs", "validate", "export")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ann-studio", description="ANN Studio: a neural-network simulator. Without a command, "
        "`ann-studio [FILE.annproj]` opens the window; the commands below run without one.",
        epilog="Other options: --version, --self-test. Exit codes: 0 success, 2 invalid input, 3 diverged.")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="continue training a project's run and write the trained project",
                           description="Continue the current run saved in FILE (or start it) for --steps or --epochs; "
                           "--set changes settings from this step on, --fork branches a new run, --run picks "
                           "another run (docs/cli.md).")
    train.add_argument("file", type=Path)
    train.add_argument("--restart", action="store_true",
                       help="start from the run's starting weights (step 0) instead of continuing")
    amount = train.add_mutually_exclusive_group(required=True)
    amount.add_argument("--steps", type=int, help="optimizer updates (mini-batches) to run")
    amount.add_argument("--epochs", type=int, help="epochs to run")
    train.add_argument("--out", help="where to write the trained project (its run included)")
    train.add_argument("--json", action="store_true", help="one JSON object per line on stdout")
    train.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", dest="settings",
                       help="change a setting from the current step on (repeatable); KEY is a JSON path into the "
                       "project: optimizer.learning_rate=2.0, optimizer.type=adam, optimizer.momentum=0.9, "
                       "loss=mse, training.batch_size=16, …")
    train.add_argument("--fork", metavar="NAME",
                       help="branch a new run NAME off the current run at its current step, make it current and "
                       "train it (the other runs are kept)")
    train.add_argument("--run", metavar="NAME", help="make run NAME current and continue it (--steps 0: just switch)")
    runs = sub.add_parser("runs", help="list the runs of a project (its tree of forks)",
                          description="List the runs saved in FILE: name, parent, fork step, step, loss.")
    runs.add_argument("file", type=Path)
    runs.add_argument("--json", action="store_true",
                      help="one JSON object per run and line: name, parent (null for the first run), fork_step, "
                      "step, loss, colour, current, changes")
    validate = sub.add_parser("validate", help="check a project file")
    validate.add_argument("file", type=Path)
    export = sub.add_parser("export", help="export a project as a Python or PyTorch script")
    export.add_argument("file", type=Path)
    export.add_argument("--to", choices=("python", "torch"), required=True)
    export.add_argument("--initial", action="store_true",
                        help="export the starting weights instead of the current (trained) ones")
    export.add_argument("out", type=Path)
    return parser


def _fail(code: int, message: str) -> int:
    print(f"ann-studio: {message}", file=sys.stderr)
    return code


def _progress(done: int, total: int, text: str) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {text}   ")
    sys.stderr.flush()


def _record_line(trainer, record) -> dict:
    out = {"epoch": trainer.epoch, "step": trainer.step}
    if record is not None:
        out.update(record.as_dict())
        out["epoch"], out["step"] = trainer.epoch, trainer.step
    else:
        out["loss"] = trainer.step_losses[-1]
    return out


def _output_problem(out: str) -> str | None:
    """Why the trained project cannot be written to ``out`` (checked before training), or None."""
    if not out.strip():
        return "--out needs a file name"
    target = Path(os.path.realpath(out))  # a symlink is written through, to its target
    if target.is_dir():
        return f"cannot write {out}: it is a folder"
    if target.exists() and not target.is_file():
        return f"cannot write {out}: it is not a regular file"
    folder = target.parent
    if not folder.is_dir():
        return f"cannot write {out}: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return f"cannot write {out}: permission denied"
    return None


class _NumpyWarnings:
    """Collects what NumPy warned about while training (overflow, invalid value…): said once, as
    part of the divergence message, instead of RuntimeWarnings littering the terminal."""

    def __init__(self):
        self.kinds: list[str] = []

    def __call__(self, kind: str, _flag: int) -> None:
        if kind not in self.kinds:
            self.kinds.append(kind)

    def text(self) -> str:
        return f" (NumPy reported: {', '.join(self.kinds)})" if self.kinds else ""


def cmd_train(args) -> int:
    import numpy as np

    from .core import AnnError, DivergenceError, load_project, save_project

    if (args.steps is not None and args.steps < 0) or (args.epochs is not None and args.epochs < 0):
        return _fail(EXIT_INVALID, "--steps/--epochs must not be negative")
    if args.out is not None and (problem := _output_problem(args.out)):
        return _fail(EXIT_INVALID, problem)
    try:
        project = load_project(args.file)
        assignments = _choose_run(project, args)
        trainer = project.build_trainer(restart=args.restart)
        if assignments:
            if trainer.phase_index:  # a run saved mid-step: settings change at a step boundary
                trainer.goto(trainer.step)
            trainer.configure(optimizer=project.optimizer, batch_size=project.training.batch_size,
                              loss=project.loss)
    except AnnError as exc:
        return _fail(EXIT_INVALID, f"{args.file}: {exc}")
    if problem := _too_long(trainer, args):
        return _fail(EXIT_INVALID, problem)
    total = args.epochs if args.epochs is not None else args.steps
    show_bar = not args.json and sys.stderr.isatty()
    started = time.perf_counter()

    def report(t) -> None:
        record = t.epoch_records[-1] if args.epochs is not None else None
        line = _record_line(t, record)
        done = t.epoch if args.epochs is not None else t.step
        if args.json:
            print(json.dumps(line), flush=True)
        elif show_bar:
            _progress(done, total, f"loss {line['loss']:.6g}")
        elif args.epochs is not None:
            print(" ".join(f"{k}={v:.6g}" if isinstance(v, float) else f"{k}={v}" for k, v in line.items()))

    warned = _NumpyWarnings()
    first_step = trainer.step
    try:
        with np.errstate(all="call", under="ignore"):
            old_call = np.seterrcall(warned)
            try:
                if args.epochs is not None:
                    trainer.train(epochs=args.epochs, callback=report)
                elif args.json or show_bar:  # a line per step, or the bar ~200 times
                    every = 1 if args.json else max(1, args.steps // 200)
                    trainer.train(steps=args.steps, callback=lambda t: report(t) if t.step % every == 0 else None)
                else:  # nothing to show until the end: no call per step
                    trainer.train(steps=args.steps)
            finally:
                np.seterrcall(old_call)
    except DivergenceError as exc:
        if show_bar:
            sys.stderr.write("\n")
        return _fail(EXIT_DIVERGED, str(exc) + warned.text())
    if show_bar:
        sys.stderr.write("\n")
    last = trainer.epoch_records[-1] if trainer.epoch_records else None
    final = last if last is not None and last.step == trainer.step else trainer.evaluate()
    if not args.json:
        print(f"trained {trainer.step - first_step} steps in {time.perf_counter() - started:.2f} s, now at step "
              f"{trainer.step} (epoch {trainer.epoch}); "
              + ", ".join(f"{k} {v:.6g}" for k, v in final.as_dict().items() if isinstance(v, float)))
    out = args.out
    if out is not None:
        project.run = trainer.state_dict()
        target = Path(os.path.realpath(out))
        _relocate_data(project, target)
        try:
            save_project(project, target)
        except OSError as exc:
            return _fail(EXIT_INVALID, f"cannot write {out}: {exc.strerror or exc}")
    return EXIT_OK


def _too_long(trainer, args) -> str | None:
    """Why the run would pass the last step a project file can hold (checked before training:
    a huge N would otherwise train for days and write a file that cannot be opened), or None."""
    from .core.run_file import MAX_STEPS

    wanted = args.steps if args.steps is not None else args.epochs * trainer.steps_per_epoch()
    if trainer.step + wanted <= MAX_STEPS:
        return None
    flag = "--steps" if args.steps is not None else "--epochs"
    return (f"{flag} {args.steps if args.steps is not None else args.epochs:,} would take the run past step "
            f"{MAX_STEPS:,}, the most a project file holds (it is at step {trainer.step:,})")


def _choose_run(project, args) -> list:
    """Apply ``--run``, ``--fork`` and ``--set`` to the loaded project; returns the settings set."""
    from .core import ProjectError
    from .core.run_tree import ensure_tree, fork_run, switch_run
    from .core.setting_paths import apply_assignments, parse_assignment

    assignments = [parse_assignment(text) for text in args.settings]
    tree = ensure_tree(project)
    if args.run is not None:
        if args.run not in tree:
            raise ProjectError("runs", f"there is no run named {args.run!r} (runs: {', '.join(tree.names())})")
        switch_run(project, args.run)
    if args.fork is not None:
        fork_run(project, args.fork)
    if assignments:
        apply_assignments(project, assignments)
    return assignments


def cmd_runs(args) -> int:
    from .core import AnnError, load_project
    from .core.run_tree import snapshot

    try:
        project = load_project(args.file)
    except AnnError as exc:
        return _fail(EXIT_INVALID, f"{args.file}: {exc}")
    tree = project.runs
    for name in tree.names():
        snap = snapshot(tree, name, project)
        line = {"name": snap.name, "parent": snap.parent, "fork_step": snap.fork_step, "step": snap.step,
                "loss": snap.loss, "colour": snap.colour, "current": name == tree.current, "changes": snap.changes}
        if args.json:
            print(json.dumps(line), flush=True)
        else:
            changed = ", ".join(f"{k} {v[0]}→{v[1]}" if isinstance(v, list) else f"{k} {v}"
                                for k, v in snap.changes.items())
            loss = "-" if snap.loss is None else f"{snap.loss:.6g}"
            print(f"{'*' if line['current'] else ' '} {snap.name}  parent {snap.parent or '-'}  fork step "
                  f"{snap.fork_step}  step {snap.step}  loss {loss}" + (f"  changed: {changed}" if changed else ""))
    return EXIT_OK


def _relocate_data(project, out: Path) -> None:
    """Keep relative data-file paths valid when the trained project is written elsewhere."""
    from .core.project import relocate_data_paths

    project.data = relocate_data_paths(project.data, project.base_dir, out.resolve().parent)


def cmd_validate(args) -> int:
    from .core import AnnError, load_project

    try:
        project = load_project(args.file)
        project.build_trainer(evaluate=False)
    except AnnError as exc:
        return _fail(EXIT_INVALID, f"{args.file}: {exc}")
    net = project.network
    print(f"{args.file}: valid — {len(net.layers)} layers, {net.parameter_count()} parameters")
    return EXIT_OK


def cmd_export(args) -> int:
    from .core import AnnError, load_project
    from .core.export import export_project

    try:
        project = load_project(args.file)
        if args.initial:
            project.run = None  # the network description holds the starting weights
        export_project(project, args.to, args.out)
    except AnnError as exc:
        return _fail(EXIT_INVALID, f"{args.file}: {exc}")
    print(f"wrote {args.out}")
    return EXIT_OK


def print_help() -> int:
    build_parser().print_help()
    return EXIT_OK


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    handler = {"train": cmd_train, "runs": cmd_runs, "validate": cmd_validate, "export": cmd_export}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return _fail(130, "interrupted")
