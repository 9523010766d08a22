"""The program ends as soon as a command's work is done (main.end_process), and loses nothing.

Run as a real process (`python main.py ...`, as a user or a script runs it): what it printed is
all there, in a pipe and in a file; a refusal still says its one sentence with its exit status; an
import leaves a closed, whole database behind (no journal waiting to be replayed); a --screenshot
leaves its picture and no scratch folder. The same commands run in-process (main.main) are not
ended: a caller that lives on gets its exit status back.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main
from tracker.cli import run as run_in_process

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample-profile.json"


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REPUTE_DB", "TMPDIR")}
    env.update(
        REPUTE_TODAY="2026-11-26",
        PYTHONPATH=str(ROOT),
        HOME=str(home),
        TMPDIR=str(home / "tmp"),
        QT_QPA_PLATFORM="offscreen",
    )
    (home / "tmp").mkdir(exist_ok=True)
    return env


def program(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=environment(home),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("ending")
    db = home / "repute.sqlite3"
    done = program(home, "--db", str(db), "import", str(SAMPLE))
    assert done.returncode == 0, done.stderr
    return db


def test_an_import_leaves_a_closed_whole_database(imported: Path) -> None:
    assert not imported.with_name(imported.name + "-wal").exists()
    assert not imported.with_name(imported.name + "-journal").exists()
    connection = sqlite3.connect(imported)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (contracts,) = connection.execute("SELECT count(*) FROM contracts").fetchone()
    finally:
        connection.close()
    expected = json.loads(SAMPLE.read_text(encoding="utf-8"))["contracts"]
    assert contracts == len(expected) > 0


def test_what_a_command_prints_is_all_there_in_a_pipe_and_in_a_file(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = imported.parent
    piped = program(home, "--db", str(imported), "trend", "--step", "day", "--json")
    assert piped.returncode == 0, piped.stderr
    environ = {"REPUTE_TODAY": "2026-11-26"}
    assert run_in_process(["--db", str(imported), "trend", "--step", "day", "--json"], environ) == 0
    assert piped.stdout == capsys.readouterr().out
    assert len(json.loads(piped.stdout)["points"]) > 700
    out = home / "score.json"
    with out.open("w", encoding="utf-8") as handle:
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--db", str(imported), "score", "--json"],
            env=environment(home),
            stdout=handle,
            timeout=120,
        )
    assert done.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2026-11-26"


def test_a_refusal_keeps_its_sentence_and_status(imported: Path) -> None:
    missing = imported.parent / "nowhere" / "repute.sqlite3"
    done = program(imported.parent, "--db", str(missing), "score")
    assert done.returncode == 1
    assert done.stdout == ""
    assert str(missing) in done.stderr and "Traceback" not in done.stderr


def test_a_screenshot_leaves_its_picture_and_no_scratch_folder(imported: Path) -> None:
    home = imported.parent
    shot = home / "overview.png"
    done = program(home, "--db", str(imported), "--screenshot", str(shot), "--size", "800x600")
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert list((home / "tmp").iterdir()) == []


def test_in_process_the_caller_gets_the_status_back(imported: Path) -> None:
    assert main.main(["--db", str(imported), "score", "--json"]) == 0
    assert main.main(["--db", str(imported.parent / "nowhere" / "x.sqlite3"), "score"]) == 1


WATCHED = """
import atexit, sys
from pathlib import Path
sys.path.insert(0, {root!r})
marker = Path({marker!r})
atexit.register(marker.write_text, "ended the ordinary way")
if {profiled}:
    sys.setprofile(lambda frame, event, arg: None)
sys.argv = ["main.py", "--db", {db!r}, "score", "--json"]
import main
main.run()
"""


@pytest.mark.parametrize("profiled", [False, True])
def test_a_profiler_still_sees_the_end_it_writes_its_report_at(
    imported: Path, tmp_path: Path, profiled: bool
) -> None:
    """A profiler, coverage or a debugger writes what it saw as the interpreter ends: under one,
    the program ends the ordinary way (its atexit work runs); otherwise it ends at once."""
    marker = tmp_path / "ended"
    script = WATCHED.format(root=str(ROOT), marker=str(marker), profiled=profiled, db=str(imported))
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=environment(imported.parent),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["as_of"] == "2026-11-26"
    assert marker.exists() is profiled
