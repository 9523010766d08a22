"""tracker/ is the library under both the window and the command line: it never imports Qt.

Walked with ast, so an import inside a function or behind `if TYPE_CHECKING` is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TRACKER = Path(__file__).resolve().parents[1] / "tracker"
FORBIDDEN = ("PySide6", "PySide2", "PyQt4", "PyQt5", "PyQt6", "pyqtgraph", "shiboken2", "shiboken6")


def imported_modules(source: str) -> list[str]:
    """Every module name an import statement in `source` names."""
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def is_forbidden(module: str) -> bool:
    top = module.split(".")[0]
    return top in FORBIDDEN or top.startswith("PyQt")


def test_tracker_modules_import_no_qt() -> None:
    modules = sorted(TRACKER.rglob("*.py"))
    assert len(modules) > 5, f"found too few modules under {TRACKER}"
    offenders = [
        f"{path.relative_to(TRACKER.parent)}: {module}"
        for path in modules
        for module in imported_modules(path.read_text(encoding="utf-8"))
        if is_forbidden(module)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("import PySide6.QtWidgets", True),
        ("from pyqtgraph import PlotWidget", True),
        ("def f():\n    from PyQt5 import QtCore", True),
        ("import shiboken6", True),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import PySide6", True),
        ("import sqlite3\nfrom decimal import Decimal", False),
        ("from . import qtlike", False),
    ],
)
def test_the_walk_sees_every_kind_of_import(source: str, caught: bool) -> None:
    assert any(is_forbidden(m) for m in imported_modules(source)) is caught
