"""Building the translations: extract the user-visible strings, merge them into the ``.ts`` files,
compile ``.ts`` → ``.qm``.

The ``.ts`` files in ``resources/translations/`` are the source of truth (committed); the ``.qm``
files are build products made by :func:`compile_translations` with ``pyside6-lrelease``.

Extraction runs ``pyside6-lupdate`` over ``ann_studio/**/*.py``. lupdate sees ``self.tr("…")`` and
``QCoreApplication.translate("Context", "…")``, but not the module helpers this code base uses::

    def _tr(text: str) -> str:
        return QCoreApplication.translate("TrainingActions", text)

    action = QAction(_tr("Next &Phase"))

so :func:`helper_messages` finds such helpers with :mod:`ast` (any module-level function whose body
returns ``QCoreApplication.translate("<literal context>", <its first parameter>)``) and collects
their literal calls. ``tools/update_translations.py`` writes the merged result; the test
``tests/test_i18n.py`` fails when a string has no finished translation.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ann_studio"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


@dataclass
class Message:
    """One translatable string. ``translation`` is ``""`` until translated; ``finished`` is False
    for ``type="unfinished"`` entries."""

    context: str
    source: str
    comment: str = ""
    translation: str = ""
    finished: bool = False
    files: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


class TranslationToolError(RuntimeError):
    """A Qt translation tool is missing or failed."""


def qt_tool(name: str) -> str:
    """The path of ``pyside6-<name>`` (next to the running Python first, then on PATH)."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise TranslationToolError(f"pyside6-{name} not found: install PySide6-Essentials")
    return found


def source_files(package: Path = PACKAGE) -> list[Path]:
    """Every Python file of the application, sorted."""
    return sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)


# ---------------------------------------------------------------------------- extraction


def lupdate_messages(files: list[Path]) -> list[Message]:
    """The messages ``pyside6-lupdate`` finds in ``files``."""
    with tempfile.TemporaryDirectory() as tmp:
        ts = Path(tmp) / "extract.ts"
        result = subprocess.run([qt_tool("lupdate"), "-locations", "absolute", *map(str, files), "-ts", str(ts)],
                                capture_output=True, text=True)
        if result.returncode != 0 or not ts.exists():
            raise TranslationToolError(f"pyside6-lupdate failed: {result.stderr.strip() or result.stdout.strip()}")
        messages = read_ts(ts)
    for m in messages:
        m.files = tuple(sorted(os.path.relpath(Path(ts.parent, f).resolve(), ROOT) for f in m.files))
    return messages


def _translate_helper(func: ast.FunctionDef) -> tuple[str | int, int] | None:
    """``(context, text_position)`` when ``func`` is a translate helper: its body is one
    ``return X.translate(<ctx>, <param>)``; ``context`` is the literal context, or the position of
    the parameter that carries it (``def tr(context, text)``)."""
    params = [a.arg for a in func.args.args]
    if len(func.body) != 1 or not isinstance(func.body[0], ast.Return):
        return None
    call = func.body[0].value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
            and call.func.attr == "translate" and len(call.args) >= 2):
        return None
    ctx, text = call.args[0], call.args[1]
    if not (isinstance(text, ast.Name) and text.id in params):
        return None
    if isinstance(ctx, ast.Constant) and isinstance(ctx.value, str):
        return ctx.value, params.index(text.id)
    if isinstance(ctx, ast.Name) and ctx.id in params:
        return params.index(ctx.id), params.index(text.id)
    return None


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def helper_messages(path: Path, root: Path = ROOT) -> tuple[list[Message], set[str]]:
    """Literal calls of the module's translate helpers (see the module docstring), and the
    helpers' names (lupdate misreads a helper called ``tr``)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except SyntaxError as exc:
        raise TranslationToolError(f"{path}: line {exc.lineno}: {exc.msg}") from None
    helpers = {node.name: found for node in tree.body if isinstance(node, ast.FunctionDef)
               and (found := _translate_helper(node)) is not None}
    for node in ast.walk(tree):  # tr = QCoreApplication.translate
        if (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Attribute) and node.value.attr == "translate"):
            helpers[node.targets[0].id] = (0, 1)
    rel = os.path.relpath(path, root)
    messages = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in helpers):
            continue
        ctx, pos = helpers[node.func.id]
        if isinstance(ctx, int):
            ctx = _literal(node.args[ctx]) if len(node.args) > ctx else None
        text = _literal(node.args[pos]) if len(node.args) > pos else None
        if ctx is not None and text is not None:
            messages.append(Message(ctx, text, files=(rel,)))
    return messages, set(helpers)


def extract_messages(files: list[Path] | None = None, strict: bool = True) -> list[Message]:
    """Every translatable string of the application: lupdate's plus the helpers', one per key.
    A file Python cannot parse raises :class:`TranslationToolError` (``strict``) or is skipped
    with a warning on stderr."""
    files = source_files() if files is None else files
    merged: dict[tuple[str, str, str], Message] = {}
    found, misread = [], set()
    for f in files:
        try:
            messages, helpers = helper_messages(f)
        except TranslationToolError as exc:
            if strict:
                raise
            print(f"warning: skipped {exc}", file=sys.stderr)
            continue
        found += messages
        if "tr" in helpers:  # lupdate takes tr("context", "text") for tr(source, disambiguation)
            misread.add(os.path.relpath(f, ROOT))
    from_lupdate = [m for m in lupdate_messages(files) if not (m.context == "" and set(m.files) & misread)]
    for message in from_lupdate + found:
        if message.key in merged:
            old = merged[message.key]
            old.files = tuple(sorted(set(old.files) | set(message.files)))
        else:
            message.translation, message.finished = "", False
            merged[message.key] = message
    return sorted(merged.values(), key=lambda m: (m.context, m.source, m.comment))


# ---------------------------------------------------------------------------- .ts files


def read_ts(path: Path) -> list[Message]:
    """The messages of a ``.ts`` file (obsolete and vanished entries are skipped)."""
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            tr = msg.find("translation")
            kind = tr.get("type", "") if tr is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            files = tuple(sorted({loc.get("filename", "") for loc in msg.iter("location")} - {""}))
            text = (tr.text or "") if tr is not None else ""
            messages.append(Message(name, msg.findtext("source") or "", msg.findtext("comment") or "",
                                    text, kind == "" and bool(text), files))
    return messages


def write_ts(path: Path, messages: list[Message], language: str) -> None:
    """Write ``messages`` as a TS 2.1 file, grouped by context, sorted, locations by file only."""
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    by_context: dict[str, list[Message]] = {}
    for m in sorted(messages, key=lambda m: (m.context, m.source, m.comment)):
        by_context.setdefault(m.context, []).append(m)
    for name, items in by_context.items():
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for m in items:
            msg = ET.SubElement(context, "message")
            for f in m.files:
                ET.SubElement(msg, "location", filename=f)
            ET.SubElement(msg, "source").text = m.source
            if m.comment:
                ET.SubElement(msg, "comment").text = m.comment
            tr = ET.SubElement(msg, "translation")
            tr.text = m.translation
            if not (m.finished and m.translation):
                tr.set("type", "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def merge(extracted: list[Message], existing: list[Message]) -> tuple[list[Message], list[Message]]:
    """``extracted`` with the translations of ``existing`` carried over (by context, source and
    comment; a string new in one context reuses a finished translation of the same source from
    another). Returns ``(merged, dropped)``: dropped are existing entries no longer in the code."""
    old = {m.key: m for m in existing}
    by_source = {m.source: m for m in existing if m.finished and m.translation}
    merged = []
    for m in extracted:
        prior = old.get(m.key) or by_source.get(m.source)
        copy = Message(m.context, m.source, m.comment, files=m.files)
        if prior is not None:
            copy.translation, copy.finished = prior.translation, prior.finished
        merged.append(copy)
    keys = {m.key for m in extracted}
    return merged, [m for m in existing if m.key not in keys]


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"ann_studio_{language}.ts"


def update_translations(languages: tuple[str, ...] = LANGUAGES,
                        strict: bool = False) -> dict[str, tuple[int, int, int]]:
    """Re-extract and merge into every ``.ts``; returns ``{language: (strings, unfinished, dropped)}``."""
    extracted = extract_messages(strict=strict)
    report = {}
    for language in languages:
        path = ts_path(language)
        existing = read_ts(path) if path.exists() else []
        merged, dropped = merge(extracted, existing)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_ts(path, merged, language)
        report[language] = (len(merged), sum(not m.finished for m in merged), len(dropped))
    return report


# ---------------------------------------------------------------------------- .qm files


def compile_translations(ts_dir: Path = TRANSLATIONS, out_dir: Path | None = None,
                         force: bool = False) -> list[Path]:
    """Compile every ``*.ts`` in ``ts_dir`` to ``*.qm`` in ``out_dir`` (default: the same folder)
    with ``pyside6-lrelease``; up-to-date ``.qm`` files are kept unless ``force``. Returns the
    ``.qm`` paths."""
    out_dir = ts_dir if out_dir is None else out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    built = []
    for ts in sorted(ts_dir.glob("*.ts")):
        qm = out_dir / (ts.stem + ".qm")
        if force or not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            result = subprocess.run([qt_tool("lrelease"), str(ts), "-qm", str(qm)], capture_output=True, text=True)
            if result.returncode != 0 or not qm.exists():
                raise TranslationToolError(f"pyside6-lrelease {ts.name} failed: "
                                           f"{result.stderr.strip() or result.stdout.strip()}")
        built.append(qm)
    return built


if __name__ == "__main__":  # python -m ann_studio.i18n_build: compile (used by make run and CI)
    for qm in compile_translations():
        print(qm)
