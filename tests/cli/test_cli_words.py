"""What the command line tells a new user (issue 13 points 8, 10, 11 and 15's trend default)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.cli import run
from tracker.engine.plan import PLAN_MAX_MONTHS
from tracker.records.date_range import FIRST_DAY, LAST_DAY

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample-profile.json"
README = ROOT / "README.md"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPUTE_TODAY", "2026-11-26")
    monkeypatch.delenv("REPUTE_DB", raising=False)


def environment(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REPUTE_DB"}
    env.update(REPUTE_TODAY="2026-11-26", PYTHONPATH=str(ROOT), HOME=str(tmp))
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def last_line(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out.splitlines()[-1]


# --- point 10: import names its database -----------------------------------------------------


def test_import_announces_a_new_database_and_names_the_one_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mistyped = tmp_path / "repute.sqllite3"
    capsys.readouterr()
    assert run(["--db", str(mistyped), "import", str(SAMPLE)]) == 0
    assert last_line(capsys) == f"created {mistyped}"
    assert run(["--db", str(mistyped), "import", str(SAMPLE)]) == 0
    assert last_line(capsys) == f"nothing to write: {mistyped} is unchanged"
    extra = tmp_path / "one.json"
    extra.write_text(
        '{"format": "repute/1", "snapshots": [{"date": "2026-11-20", "jss": 95}]}',
        encoding="utf-8",
    )
    assert run(["--db", str(mistyped), "import", str(extra)]) == 0
    assert last_line(capsys) == f"written to {mistyped}"


def test_a_zero_byte_file_is_a_new_database_and_a_relative_path_is_shown_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("empty.sqlite3").touch()
    capsys.readouterr()
    assert run(["--db", "empty.sqlite3", "import", str(SAMPLE)]) == 0
    assert last_line(capsys) == f"created {tmp_path / 'empty.sqlite3'}"


# --- point 15 (last item): trend at a terminal prints weeks -------------------------------------


def lines_at_a_terminal(args: list[str], tmp: Path) -> list[str]:
    """The lines a command prints when its output is a terminal (a pseudo-terminal here)."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=environment(tmp),
    )
    os.close(follower)  # the child holds its own end; reading below sees the end when it exits
    chunks = []
    try:
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child's end is closed, everything is read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
        assert process.wait(timeout=120) == 0
    return b"".join(chunks).decode().splitlines()


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_trend_at_a_terminal_prints_weeks_and_a_pipe_keeps_days(tmp_path: Path) -> None:
    db = tmp_path / "repute.sqlite3"
    assert run(["--db", str(db), "import", str(SAMPLE)]) == 0
    rows = lines_at_a_terminal(["--db", str(db), "trend"], tmp_path)[2:]
    days = [line.split()[0] for line in rows]
    assert 100 <= len(days) <= 106  # two years of weeks, not 733 days
    assert days[0] == "2024-11-26" and days[1] == "2024-12-03"
    explicit = lines_at_a_terminal(["--db", str(db), "trend", "--step", "day"], tmp_path)
    assert len(explicit) == 2 + 731
    piped = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "trend"],
        capture_output=True,
        env=environment(tmp_path),
        check=True,
    )
    assert len(piped.stdout.splitlines()) == 2 + 731  # interface.md's default: every day
    as_json = lines_at_a_terminal(["--db", str(db), "trend", "--json"], tmp_path)
    assert "\n".join(as_json).count('"date"') == 731


# --- point 8: the window's options ---------------------------------------------------------------


def test_an_unknown_page_is_a_usage_error_listing_the_pages(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            *(sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "x.sqlite3")),
            *("--screenshot", str(tmp_path / "x.png"), "--page", "bogus"),
        ],
        capture_output=True,
        env=environment(tmp_path),
        timeout=120,
    )
    assert done.returncode == 2
    (line,) = done.stderr.decode().splitlines()
    assert line.startswith("repute: error: --page 'bogus' is not a page; the pages are: log,")
    for page in ("overview", "trend", "why", "whatif", "model", "log:Contracts", "log:Clients"):
        assert page in line
    assert not (tmp_path / "x.png").exists() and not (tmp_path / "x.sqlite3").exists()


# --- point 11: a missing package is one sentence; the README uses the venv ----------------------


@pytest.mark.parametrize(
    ("package", "args"),
    [
        ("platformdirs", ["score"]),
        ("orjson", ["score", "--json"]),
        ("pyqtgraph", ["--screenshot", "x.png"]),
        ("PySide6", ["--screenshot", "x.png"]),
    ],
)
def test_a_missing_package_is_one_sentence_saying_how_to_install(
    tmp_path: Path, package: str, args: list[str]
) -> None:
    """Python without the package (as outside the venv): marked missing before main.py runs."""
    start = (
        "import runpy, sys\n"
        f"sys.modules[{package!r}] = None  # import of it fails as if not installed\n"
        f"sys.argv = ['main.py', *{args!r}]\n"
        f"runpy.run_path({str(ROOT / 'main.py')!r}, run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", start],
        capture_output=True,
        env=environment(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "Traceback" not in err
    (line,) = err.splitlines()
    assert f"lacks the package '{package}' that Repute needs" in line
    assert "run `python3 -m venv .venv && .venv/bin/pip install -e .`" in line
    assert "to install it" in line


def command_line_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## The command line") : text.index("## The model")]


def test_the_readme_examples_use_the_venv_and_say_the_date_range() -> None:
    section = command_line_section()
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block
    for line in block[1].splitlines():
        if not line.startswith("export "):
            assert line.startswith((".venv/bin/python main.py ", ".venv/bin/repute ")), line
    assert f"between **{FIRST_DAY} and {LAST_DAY}**" in section
    assert f"at most\n{PLAN_MAX_MONTHS} months ahead" in section
    assert "../shared" not in section


def test_the_readme_example_runs_as_written(tmp_path: Path) -> None:
    """Each example line, run from the project folder with the Python running this test."""
    block = re.search(r"```sh\n(.*?)```", command_line_section(), re.S)
    assert block
    env = environment(tmp_path)
    env["REPUTE_DB"] = str(tmp_path / "repute-try.sqlite3")
    for line in block[1].splitlines():
        if line.startswith("export "):
            continue
        words = line.split()
        # `.venv/bin/python main.py X` and `.venv/bin/repute X` both run main.py's main with X.
        rest = words[2:] if words[0].endswith("python") else words[1:]
        program = [sys.executable, "main.py"]
        done = subprocess.run(
            [*program, *rest], capture_output=True, env=env, cwd=ROOT, timeout=120
        )
        assert done.returncode == 0, (line, done.stderr)
        assert b"Traceback" not in done.stderr
