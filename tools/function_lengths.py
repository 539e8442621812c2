"""The longest functions in ann_studio (issue 18: none over 80 lines, few over 40).

A function's length is its lines from ``def`` to its last statement, docstring included,
decorators not; a nested function counts on its own and inside its parent.

    python tools/function_lengths.py [--over 40] [--most 20]
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "ann_studio"


def function_lengths(root: Path = ROOT) -> list[tuple[int, str]]:
    """(lines, "path:line name") for every function and method below ``root``, longest first."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                found.append((lines, f"{path.relative_to(root.parent)}:{node.lineno} {node.name}"))
    return sorted(found, key=lambda item: (-item[0], item[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--over", type=int, default=40, help="count functions longer than this")
    parser.add_argument("--most", type=int, default=20, help="list this many of the longest")
    args = parser.parse_args()
    lengths = function_lengths()
    over = [item for item in lengths if item[0] > args.over]
    print(f"{len(lengths)} functions; {len(over)} over {args.over} lines; "
          f"{sum(1 for n, _ in lengths if n > 80)} over 80; longest {lengths[0][0]} ({lengths[0][1]})")
    for lines, where in lengths[: args.most]:
        print(f"  {lines:4d}  {where}")


if __name__ == "__main__":
    main()
