"""ruff and mypy strict run with the tests, so the README's one test command checks the code too.

ruff covers everything written in Python here (the tests and benchmarks included); mypy strict
covers what pyproject.toml's `[tool.mypy] files` names (the library, the window and main.py), as
`.venv/bin/mypy` does on its own. Both are in the `test` extra; they are skipped only where they
are not installed, with the reason shown in pytest's summary.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINTED = ("tracker", "ui", "tests", "main.py", "bench")


def run_tool(module: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed in this Python: pip install -e '.[test]'")
    return subprocess.run(
        [sys.executable, "-m", module, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_ruff_finds_nothing() -> None:
    checked = run_tool("ruff", "check", *LINTED)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_mypy_is_strict_over_the_library_the_window_and_main() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["strict"] is True
    assert config["files"] == ["tracker", "ui", "main.py"]


def test_mypy_strict_finds_nothing() -> None:
    checked = run_tool("mypy")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Success: no issues found" in checked.stdout
