"""Import cycles and layer violations among ann_studio's modules (issue 18).

Reads the package as text (``ast``), so nothing is imported. Every ``import`` counts, at module
level or inside a function, except those under ``if TYPE_CHECKING:`` (type hints only). A cycle is
a strongly connected group of two or more modules; each is printed with one loop through it.

    python tools/import_cycles.py          # prints cycles and layer violations, exits 1 if any

``tests/test_import_layers.py`` uses :func:`import_graph`, :func:`cycles` and
:func:`layer_violations`.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = "ann_studio"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE

#: a layer may import only itself and the layers after it in this list
LAYERS = ("views", "document", "core")
#: what each low layer may import from the package (besides itself)
#: (``paths`` is a stdlib-only leaf: where the resources are)
ALLOWED_BELOW = {
    "core": {"paths"},
    "document": {"core", "paths"},
}


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, this: str, is_package: bool) -> set[str]:
    """Names of the package's modules that ``tree`` imports (outside TYPE_CHECKING blocks)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = this.split(".") if is_package else this.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            found.add(stem)
            found.update(f"{stem}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """module -> the package's modules it imports (only names that are modules of the package)."""
    files = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets = _imports(tree, name, path.name == "__init__.py")
        graph[name] = {t for t in targets if t in files and t != name
                       and not name.startswith(t + ".")}   # a package's own __init__ is no edge
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with two or more modules (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            connect(node)
    return sorted(found)


def loop_through(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """One import loop that starts and ends at the group's first module (breadth-first)."""
    start, members = group[0], set(group)
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt_frontier = []
        for node in frontier:
            for nxt in sorted(graph[node] & members):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start] if len(path) > 1 else [start, node, start]
                if nxt not in previous:
                    previous[nxt] = node
                    nxt_frontier.append(nxt)
        frontier = nxt_frontier
    return group


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_violations(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """(importer, imported) pairs where core or document imports something above it."""
    bad = []
    for module, targets in sorted(graph.items()):
        layer = _layer(module)
        if layer not in ALLOWED_BELOW:
            continue
        allowed = ALLOWED_BELOW[layer] | {layer}
        bad.extend((module, target) for target in sorted(targets)
                   if _layer(target) not in allowed and target != PACKAGE)
    return bad


def main() -> int:
    graph = import_graph()
    groups = cycles(graph)
    violations = layer_violations(graph)
    print(f"{len(groups)} import cycle(s) among {len(graph)} modules")
    for group in groups:
        print("  " + " -> ".join(loop_through(graph, group)) + (f"  ({len(group)} modules)" if len(group) > 2 else ""))
    print(f"{len(violations)} layer violation(s)")
    for importer, imported in violations:
        print(f"  {importer} imports {imported}")
    return 1 if groups or violations else 0


if __name__ == "__main__":
    sys.exit(main())
