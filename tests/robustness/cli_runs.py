"""Running the command line in this process, and what a clean ending looks like.

In-process runs are fast enough to fuzz with; the crash tests use real subprocesses instead.
"""

from __future__ import annotations

import hashlib
import io
import signal
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from tracker.cli import run

FIXED_ENVIRONMENT = {"REPUTE_TODAY": "2026-11-26"}


@dataclass(frozen=True)
class Outcome:
    """What one command did: its exit code and what it printed."""

    code: int
    out: str
    err: str


def run_cli(*argv: str, environ: dict[str, str] | None = None) -> Outcome:
    """`repute ARGV...` in this process; an exception escapes as the bug it is."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = run(list(argv), {**FIXED_ENVIRONMENT, **(environ or {})})
    return Outcome(code, out.getvalue(), err.getvalue())


def assert_clean_ending(outcome: Outcome, *, plain_output: bool = True) -> None:
    """Exit 0, or exit 1 with exactly one non-empty line on stderr; never a traceback.

    What a file holds may be quoted, but never as a control code that a terminal would act on
    (stdout too, when `plain_output`: JSON output may carry any character JSON allows).
    """
    assert "Traceback" not in outcome.err, outcome.err
    assert outcome.code in (0, 1), (outcome.code, outcome.err)
    if outcome.code == 1:
        assert outcome.err.endswith("\n"), outcome.err
        line = outcome.err[:-1]
        assert line.strip(), "an empty error message"
        assert line.isprintable(), f"not one printable line: {line!r}"
    if plain_output:
        assert outcome.out.replace("\n", "").isprintable(), outcome.out


class Hung(Exception):
    """A step took longer than its deadline."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise Hung in this thread when the block runs longer than `seconds` (a hang fails fast)."""

    def interrupt(_signal: int, _frame: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes: equal digests mean the file was not touched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` by relative name, with its digest."""
    return {
        str(file.relative_to(folder)): digest(file)
        for file in sorted(folder.rglob("*"))
        if file.is_file()
    }


def integrity(path: Path) -> list[str]:
    """SQLite's own full check of the file (['ok'] when sound), through a read-only connection."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def count_rows(path: Path, table: str) -> int:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(count)
    finally:
        connection.close()
