"""Nothing Repute reads is ever run as code: no pickle (or its cousins), no eval, exec or compile,
no SQLite extension loading, anywhere in tracker/, ui/ or main.py.

Read from the syntax tree, so Qt's `app.exec()` (an event loop, not Python's exec) is not mistaken
for the builtin; a plain text search for "pickle" backs it up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.robustness.processes import REPO_ROOT

CODE_RUNNING_BUILTINS = {"eval", "exec", "compile", "__import__", "breakpoint"}
CODE_RUNNING_MODULES = {
    "pickle",
    "cPickle",
    "_pickle",
    "marshal",
    "shelve",
    "dill",
    "jsonpickle",
    "cloudpickle",
    "yaml",
    "code",
    "codeop",
    "pdb",
}
CODE_LOADING_METHODS = {
    "load_extension",
    "enable_load_extension",
    "import_module",
    "run_path",
    "run_module",
}


def sources() -> list[Path]:
    found = [REPO_ROOT / "main.py"]
    for package in ("tracker", "ui"):
        found.extend(sorted((REPO_ROOT / package).rglob("*.py")))
    return found


def code_running_uses(text: str) -> list[str]:
    """Each place in `text` (Python source) that could run code it did not write itself."""
    found: list[str] = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name) and function.id in CODE_RUNNING_BUILTINS:
                found.append(f"line {node.lineno}: {function.id}()")
            if isinstance(function, ast.Attribute):
                owner = function.value
                if function.attr in CODE_LOADING_METHODS or (
                    isinstance(owner, ast.Name)
                    and owner.id == "builtins"
                    and function.attr in CODE_RUNNING_BUILTINS
                ):
                    found.append(f"line {node.lineno}: .{function.attr}()")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in CODE_RUNNING_MODULES:
                    found.append(f"line {node.lineno}: import {alias.name}")
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0] in CODE_RUNNING_MODULES
        ):
            found.append(f"line {node.lineno}: from {node.module} import ...")
    if "pickle" in text.lower():
        found.append("the word pickle")
    return found


def test_the_sources_are_found() -> None:
    names = {path.relative_to(REPO_ROOT).as_posix() for path in sources()}
    assert {"main.py", "tracker/cli/__init__.py", "tracker/io/json_format.py", "ui/app.py"} <= names
    assert len(names) > 40


# The one exception, and all it may do: tracker.dataclass_bytecode keeps the code objects it
# compiled from the texts @dataclass writes, in the package's own __pycache__ (beside the .pyc files
# Python runs from there), at a path made from its own location alone, and runs them as
# dataclasses would have run its texts. Nothing the user gives it (a file, a database, an
# argument, a setting) reaches that file or its path.
KEPT_BYTECODE = "tracker/dataclass_bytecode.py"
KEPT_BYTECODE_USES = ["import marshal", "compile()", ".exec()"]  # each once, wherever it stands


@pytest.mark.parametrize("path", sources(), ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_no_source_can_run_code_from_a_file(path: Path) -> None:
    uses = code_running_uses(path.read_text(encoding="utf-8"))
    if path.relative_to(REPO_ROOT).as_posix() == KEPT_BYTECODE:
        # A new use there is looked at again, like any other (an edit moving these lines is not).
        assert [use.split(": ", 1)[1] for use in uses] == KEPT_BYTECODE_USES
        return
    assert uses == []


def test_the_kept_bytecode_path_is_made_from_its_module_alone() -> None:
    from tracker import dataclass_bytecode

    path = dataclass_bytecode.default_path()
    assert path is not None
    assert path.parent == REPO_ROOT / "tracker" / "__pycache__"
    source = (REPO_ROOT / KEPT_BYTECODE).read_text(encoding="utf-8")
    assert "environ" not in source and "argv" not in source


@pytest.mark.parametrize(
    "planted",
    [
        "value = eval(text)",
        "exec(open(name).read())",
        "code = compile(text, 'f', 'exec')",
        "import pickle",
        "import marshal as m",
        "from shelve import open",
        "import yaml",
        "connection.enable_load_extension(True)",
        "module = importlib.import_module(name)",
        "import builtins\nbuiltins.eval(text)",
        "data = loads(blob)  # unpickle",
    ],
)
def test_the_check_finds_what_it_looks_for(planted: str) -> None:
    assert code_running_uses(planted)


def test_qt_event_loops_are_not_python_exec() -> None:
    assert code_running_uses("code = app.exec()\ndialog.exec()\nre.compile('x')") == []
