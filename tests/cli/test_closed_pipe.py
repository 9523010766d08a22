"""Every command, run as a real process whose reader has gone (`repute CMD | head -1`), ends
quietly: no traceback, the conventional status of a closed pipe (141 = 128 + SIGPIPE)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli.output import CLOSED_PIPE_EXIT
from tracker.cli.parser import COMMANDS

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample-profile.json"
CHANGE = {
    "add": {
        "clients": [{"id": "new"}],
        "contracts": [
            {
                "id": "n1",
                "client": "new",
                "kind": "fixed",
                "started": "2026-11-01",
                "ended": "2026-11-20",
            }
        ],
        "payments": [{"contract": "n1", "date": "2026-11-20", "amount": 800}],
        "feedback": [{"contract": "n1", "date": "2026-11-21", "stars": 5}],
    }
}


def environment(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REPUTE_DB"}
    env.update(REPUTE_TODAY="2026-11-26", PYTHONPATH=str(ROOT), HOME=str(tmp))
    return env


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("pipe")
    db = tmp / "repute.sqlite3"
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "import", str(SAMPLE)],
        env=environment(tmp),
        check=True,
        capture_output=True,
    )
    (tmp / "change.json").write_text(json.dumps(CHANGE), encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            str(db),
            "backup",
            str(tmp / "copy.sqlite3"),
        ],
        env=environment(tmp),
        check=True,
        capture_output=True,
    )
    return tmp


def arguments(command: str, tmp: Path) -> list[str]:
    return {
        "import": ["import", str(SAMPLE)],
        "export": ["export", str(tmp / "out.json")],
        "explain": ["explain", "--since", "2024-01-01"],
        "whatif": ["whatif", "--change", str(tmp / "change.json")],
        "plan": ["plan", "--target", "99", "--per-month", "10"],
        "backup": ["backup", str(tmp / "again.sqlite3")],
        "restore": ["restore", str(tmp / "copy.sqlite3")],
    }.get(command, [command])


def run_into_closed_pipe(args: list[str], tmp: Path) -> subprocess.CompletedProcess[bytes]:
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before the first byte: every write meets a closed pipe
    try:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            env=environment(tmp),
            timeout=120,
        )
    finally:
        os.close(writer)


COMMAND_LINES = [*COMMANDS, "explain-plain", "trend-json", "trend-csv", "score-json", "help"]


@pytest.mark.parametrize("name", COMMAND_LINES)
def test_every_command_into_a_closed_pipe_ends_quietly(place: Path, name: str) -> None:
    db = ["--db", str(place / "repute.sqlite3")]
    special = {
        "explain-plain": ["explain"],
        "trend-json": ["trend", "--json"],
        "trend-csv": ["trend", "--csv"],
        "score-json": ["score", "--json"],
        "help": ["--help"],
    }
    args = special.get(name) or arguments(name, place)
    done = run_into_closed_pipe([*db, *args], place)
    assert b"Traceback" not in done.stderr and b"Error" not in done.stderr, done.stderr
    assert done.stderr == b""
    # argparse writes its help itself and drops a failed write: then nothing is left to fail.
    assert done.returncode == CLOSED_PIPE_EXIT or (name == "help" and done.returncode == 0)


def test_a_shell_pipe_into_head_prints_one_line_and_no_traceback(place: Path) -> None:
    db = place / "repute.sqlite3"
    shell = (
        f"'{sys.executable}' '{ROOT / 'main.py'}' --db '{db}' trend --from 2024-01-01 | head -1;"
        " echo status ${PIPESTATUS[0]} >&2"
    )
    done = subprocess.run(
        ["bash", "-c", shell], capture_output=True, env=environment(place), timeout=120
    )
    assert done.stdout.decode().splitlines() == [
        "date        live   official  observed  invites/wk  proposals/wk"
    ]
    assert b"Traceback" not in done.stderr
    # All of it may fit in the pipe before head leaves (0), or not (the closed pipe's status).
    assert done.stderr.decode().strip() in ("status 0", f"status {CLOSED_PIPE_EXIT}")
