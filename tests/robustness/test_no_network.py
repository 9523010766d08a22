"""No internet socket, ever: every command and the window run in real processes that log each
socket Python makes (an audit hook), and, where strace is there, each socket the C libraries make
too (Qt included). Local sockets (AF_UNIX: the display, D-Bus) are allowed."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from tests.robustness.processes import PYTHON, REPO_ROOT, SAMPLE, audited, child_env

INTERNET = {int(socket.AF_INET), int(socket.AF_INET6)}


def every_command(folder: Path) -> list[list[str]]:
    db = str(folder / "repute.sqlite3")
    change = folder / "change.json"
    change.write_text('{"remove": {"contracts": []}}')
    return [
        ["--db", db, "import", str(SAMPLE)],
        ["--db", db, "import", str(REPO_ROOT / "tests" / "data" / "upwork" / "older.csv")],
        ["--db", db, "export", str(folder / "out.json")],
        ["--db", db, "export", str(folder / "out.csv"), "--table", "contracts"],
        ["--db", db, "score", "--json"],
        ["--db", db, "explain", "--since", "2026-01-01"],
        ["--db", db, "trend", "--step", "week", "--csv"],
        ["--db", db, "forecast"],
        ["--db", db, "whatif", "--change", str(change)],
        ["--db", db, "plan", "--target", "95"],
        ["--db", db, "calibrate"],
        ["--db", db, "backup", str(folder / "copy.sqlite3")],
        ["--db", db, "restore", str(folder / "copy.sqlite3")],
        ["window", db],
    ]


def internet_events(events: list[dict[str, object]]) -> list[dict[str, object]]:
    return [e for e in events if e.get("family") in INTERNET or "name" in e]


def test_no_command_and_not_the_window_opens_an_internet_socket(tmp_path: Path) -> None:
    runs = every_command(tmp_path)
    events = audited(runs, home=tmp_path / "home", watch=tmp_path / "nowhere")
    codes = [e["code"] for e in events if e["event"] == "exit"]
    assert codes == [0] * len(runs)
    assert internet_events(events) == []


def write_probe(folder: Path) -> Path:
    """A script that does what Repute must never do."""
    probe = folder / "probe.py"
    probe.write_text(
        "import socket\n"
        "s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)\n"
        "s.close()\n"
        "try:\n"
        "    socket.getaddrinfo('example.invalid', 443)\n"
        "except OSError:\n"
        "    pass\n"
    )
    return probe


def test_the_audit_would_see_an_internet_socket(tmp_path: Path) -> None:
    """The check above can fail: a run that touches the network is caught."""
    probe = write_probe(tmp_path)
    events = audited([["python", str(probe)]], home=tmp_path / "home", watch=tmp_path / "nowhere")
    found = internet_events(events)
    assert any(e.get("family") == int(socket.AF_INET6) for e in found)
    assert any(e["event"] == "socket.getaddrinfo" for e in found)


def strace(runs: list[list[str]], folder: Path) -> str:
    """The socket and connect calls of a run of audited_main, as strace prints them."""
    folder.mkdir()
    trace = folder / "trace.txt"
    plan = folder / "plan.json"
    plan.write_text(json.dumps({"watch": str(folder / "nowhere"), "runs": runs}))
    command = ["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace), PYTHON]
    result = subprocess.run(
        [*command, "-m", "tests.robustness.audited_main", str(folder / "audit.jsonl"), str(plan)],
        env=child_env(folder / "home"),
        capture_output=True,
        text=True,
        timeout=180,
        cwd=REPO_ROOT,
    )
    if result.returncode != 0 and "ptrace" in result.stderr:
        pytest.skip(f"strace cannot trace here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    return trace.read_text()


def internet_calls(calls: str) -> list[str]:
    return re.findall(r"(?:socket\(AF_INET6?\b|connect\(\d+, \{sa_family=AF_INET6?\b).*", calls)


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_no_internet_socket_from_the_c_libraries_either(tmp_path: Path) -> None:
    """strace sees the system calls themselves, whatever library makes them (Qt's too)."""
    calls = strace(every_command(tmp_path), tmp_path / "repute")
    assert internet_calls(calls) == []
    probe_calls = strace([["python", str(write_probe(tmp_path))]], tmp_path / "probe")
    assert internet_calls(probe_calls)  # the same check sees a socket when there is one
