"""Real child processes of Repute: the environment they run in, and the audited runs.

Children get their own home, data and config folders under the test's folder, so a test never
reads or writes the user's own Repute files or window settings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SAMPLE = REPO_ROOT / "resources" / "sample-profile.json"
TODAY = "2026-11-26"


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a child: headless, a fixed today, folders of its own."""
    home.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("REPUTE_", "XDG_", "PYTEST_", "COV_"))
    }
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO_ROOT),
        REPUTE_TODAY=TODAY,
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.update(extra)
    return env


def repute(
    *argv: str, home: Path, timeout: float = 60, umask: int = 0o022, **extra: str
) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGV...` as its own process."""
    return subprocess.run(
        [PYTHON, str(REPO_ROOT / "main.py"), *argv],
        env=child_env(home, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=home,
        umask=umask,
    )


def audited(
    runs: list[list[str]], *, home: Path, watch: Path, timeout: float = 120, **extra: str
) -> list[dict[str, Any]]:
    """Run `runs` in one audited process (see audited_main); returns the events it logged."""
    home.mkdir(parents=True, exist_ok=True)
    log = home / "audit.jsonl"
    plan = home / "plan.json"
    plan.write_text(json.dumps({"watch": str(watch), "runs": runs}))
    finished = subprocess.run(
        [PYTHON, "-m", "tests.robustness.audited_main", str(log), str(plan)],
        env=child_env(home, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_ROOT,
    )
    assert finished.returncode == 0, finished.stderr
    return [json.loads(line) for line in log.read_text().splitlines()]
