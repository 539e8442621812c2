"""Undo texts follow a language switch.

A QUndoCommand's text is translated when the command is made ("Set weight w[1, 2] of 'out' to
0.5"); after View → Language the undo history would keep the old language. The translation
file holds every pair (English source ↔ translation, with ``%1``… placeholders), so each text is
matched against the old language's patterns and written again in the new one, its arguments (ids,
numbers) kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PLACEHOLDER = re.compile(r"%(\d)")


@lru_cache(maxsize=4)
def _pairs(language: str) -> tuple[tuple[str, str], ...]:
    """(English source, translation) of every finished message for ``language`` ("zh_CN")."""
    from ..i18n_build import read_ts, ts_path

    try:
        messages = read_ts(ts_path(language))
    except (OSError, ValueError, SyntaxError):  # a bundle without the .ts: undo texts stay as they are
        return ()
    return tuple((m.source, m.translation) for m in messages if m.finished and m.translation)


@lru_cache(maxsize=4096)
def _regex(pattern: str) -> re.Pattern:
    parts = _PLACEHOLDER.split(pattern)  # literal, digit, literal, digit, …
    out = []
    for k, part in enumerate(parts):
        out.append(re.escape(part) if k % 2 == 0 else f"(?P<a{part}_{k}>.+?)")
    return re.compile("^" + "".join(out) + "$", re.DOTALL)


def convert(text: str, old: str, new: str) -> str | None:
    """``text`` (a translated string in language ``old``) in language ``new``, or None when it is
    not one of the known messages."""
    if old == new:
        return text
    language = new if old == "en" else old
    best, best_literal = None, -1
    for source, translation in _pairs(language):
        pattern, target = (source, translation) if old == "en" else (translation, source)
        match = _regex(pattern).match(text)
        if match is None:
            continue
        literal = len(_PLACEHOLDER.sub("", pattern))
        if literal > best_literal:
            args = {}
            for name, value in match.groupdict().items():
                args.setdefault(name.split("_")[0][1:], value)
            best = _PLACEHOLDER.sub(lambda m, args=args: args.get(m.group(1), m.group(0)), target)
            best_literal = literal
    return best


def retranslate_undo_stack(stack, old: str, new: str) -> int:
    """Rewrite the texts of ``stack``'s commands from language ``old`` to ``new``; returns how
    many changed."""
    changed = 0
    for i in range(stack.count()):
        command = stack.command(i)
        text = convert(command.text(), old, new)
        if text is not None and text != command.text():
            command.setText(text)
            changed += 1
    return changed
