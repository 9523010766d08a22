"""The code that touches files runs on Windows and macOS too, where the packages are built.

mypy knows which calls each system's `os` has (`os.fchmod`, `os.O_NOFOLLOW`, `os.geteuid` are
POSIX only): checking what mypy checks (pyproject.toml's `files`: the library, the window, main.py)
as if on Windows catches a POSIX-only call that would crash there, which no test on this Linux
machine could run into. Each system keeps its own cache, so the runs do not spoil each other's (or
tests/test_code_checks.py's).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_no_call_that_the_other_systems_lack(platform: str) -> None:
    cache = str(ROOT / ".mypy_cache" / f"platform-{platform}")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--platform", platform, "--cache-dir", cache],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
