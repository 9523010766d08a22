"""The house's design, held: no import circle in tracker/ or ui/, and a tracker/ made of folders.

The graph counts every `import` and `from ... import` of a module, at the top of a file or inside a
function: an import done late still ties the two modules together, so a circle drawn with a late
import is still a circle. `from package import name` counts as importing `package.name` when that
is a module, and the package itself otherwise.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tracker", "ui")
MAX_LOOSE_MODULES = 5


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((REPO_ROOT / package).rglob("*.py"))
    }


def imported(path: Path, name: str, known: dict[str, Path]) -> Iterator[str]:
    """The project's modules that the module `name` at `path` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    yield f"{base}.{alias.name}"
                elif base in known:
                    yield base


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {
        name: {other for other in imported(path, name, known) if other != name}
        for name, path in known.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_imports_of_every_form() -> None:
    graph = import_graph()
    assert "tracker.cli.commands" in graph["tracker.cli"]  # a late import inside run_command
    assert "tracker.cli.text" in graph["tracker.cli.commands"]  # from tracker.cli import text
    assert "tracker.records.model" in graph["tracker.engine.score"]


def test_circles_are_found_when_there_are_some() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_module_of_tracker_or_ui_is_in_an_import_circle() -> None:
    assert circles(import_graph()) == []


def test_the_graph_holds_the_window_too() -> None:
    graph = import_graph()
    assert "ui.window_menus" in graph["ui.main_window"]
    assert "ui.file_errors" in graph["ui.backup_offer"]


def test_tracker_is_folders_with_few_loose_modules() -> None:
    loose = sorted(
        path.name for path in (REPO_ROOT / "tracker").glob("*.py") if path.name != "__init__.py"
    )
    assert len(loose) <= MAX_LOOSE_MODULES, loose


def test_no_file_name_prefix_stands_in_for_a_folder() -> None:
    """Three modules of one folder sharing `prefix_` are a folder waiting to be made."""
    for folder in {path.parent for path in (REPO_ROOT / "tracker").rglob("*.py")}:
        prefixes: dict[str, int] = {}
        for path in folder.glob("*_*.py"):
            prefix = path.stem.split("_")[0]
            prefixes[prefix] = prefixes.get(prefix, 0) + 1
        crowded = {prefix: count for prefix, count in prefixes.items() if count >= 3}
        assert not crowded, f"{folder.relative_to(REPO_ROOT)}: {crowded}"
