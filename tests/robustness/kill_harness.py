"""Killing real Repute processes with SIGKILL at chosen moments, and judging what they left.

Two kinds of victim: `python main.py --db DB import FILE` (one big import: the database must hold
the log from before it or the log after it, nothing between), and tests/robustness/edit_worker.py
(endless small edits: each whole or absent, and every one it reported finished is there). A kill
comes after a delay, or the moment a sign of writing appears (the WAL grows past a size, a backup
is being written). Used by test_crashes.py (a few kills) and bench/soak_kill.py (many).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.robustness.cli_runs import integrity
from tests.robustness.processes import PYTHON, REPO_ROOT, child_env
from tracker.records.model import Log
from tracker.store.backups import RECORD_NAME
from tracker.store.header import wal_path
from tracker.store.repository import Repository

BASE_FILE = '{"format": "repute/1", "clients": [{"id": "zz-base", "name": "Before the import"}]}'
Trigger = Callable[[], bool]


@dataclass
class Tally:
    """What a series of kills found; the soak prints it, the tests assert on it."""

    kills: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    leftovers: set[str] = field(default_factory=set)  # temporary files of killed backups

    def count(self, outcome: str) -> None:
        self.kills += 1
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1


def read_log(db: Path) -> Log:
    with Repository.open(db, create=False) as repository:
        return repository.log()


def kill_when(process: subprocess.Popen[bytes], trigger: Trigger, limit: float) -> bool:
    """SIGKILL `process` as soon as `trigger()` is true (polled every 0.2 ms), or at `limit` s.

    Returns:
        True when the process was killed before it finished by itself.
    """
    ends = time.monotonic() + limit
    while process.poll() is None:
        if trigger() or time.monotonic() >= ends:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return process.returncode == -signal.SIGKILL
        time.sleep(0.0002)
    return False


def after(seconds: float) -> Trigger:
    moment = time.monotonic() + seconds
    return lambda: time.monotonic() >= moment


def wal_beyond(db: Path, size: int) -> Trigger:
    wal = wal_path(db)

    def grown() -> bool:
        try:
            return wal.stat().st_size > size
        except FileNotFoundError:
            return False

    return grown


def _temporary(file: Path) -> bool:
    """A hidden file of a copy being written (the record of what Repute made is not one)."""
    return file.name.startswith(".") and file.name != RECORD_NAME


def backup_being_written(db: Path) -> Trigger:
    folder = db.parent / "backups"
    return lambda: folder.is_dir() and any(_temporary(p) for p in folder.iterdir())


def check_backups(db: Path, expected: Log | None, tally: Tally) -> None:
    """Every backup under its final name is whole (and holds `expected`, when given)."""
    folder = db.parent / "backups"
    if not folder.is_dir():
        return
    for file in folder.iterdir():
        if file.name == RECORD_NAME:
            continue
        if _temporary(file):
            tally.leftovers.add(str(file))
            continue
        assert integrity(file) == ["ok"], file
        if expected is not None:
            assert read_log(file) == expected, f"{file.name} holds another log"


@dataclass
class ImportCase:
    """A database before a big import, the file, and the two logs a kill may leave."""

    folder: Path
    source: Path
    template: Path
    before: Log
    after: Log
    seconds: float  # how long the whole import takes, unkilled

    @classmethod
    def prepare(cls, folder: Path, source_document: dict[str, object]) -> ImportCase:
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / "history.json"
        source.write_text(json.dumps(source_document))
        base = folder / "base.json"
        base.write_text(BASE_FILE)
        template = folder / "template" / "repute.sqlite3"
        assert run_import(template, base, folder).returncode == 0
        before = read_log(template)
        measured = folder / "measured" / "repute.sqlite3"
        shutil.copytree(template.parent, measured.parent)
        started = time.monotonic()
        finished = run_import(measured, source, folder)
        seconds = time.monotonic() - started
        assert finished.returncode == 0, finished.stderr
        after = read_log(measured)
        assert after != before
        return cls(folder, source, template, before, after, seconds)

    def kill_once(self, name: str, trigger_for: Callable[[Path], Trigger], tally: Tally) -> str:
        """Start the import on a fresh copy, kill it when the trigger fires, judge the result."""
        db = self.folder / name / "repute.sqlite3"
        shutil.copytree(self.template.parent, db.parent)
        process = subprocess.Popen(
            [PYTHON, str(REPO_ROOT / "main.py"), "--db", str(db), "import", str(self.source)],
            env=child_env(self.folder / "home"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        killed = kill_when(process, trigger_for(db), limit=self.seconds * 3 + 5)
        outcome = self.judge(db, tally)
        tally.count(f"{outcome} ({'killed' if killed else 'finished first'})")
        return outcome

    def judge(self, db: Path, tally: Tally) -> str:
        """'absent' or 'whole'; anything else fails. Then the import must go through again."""
        assert integrity(db) == ["ok"]
        log = read_log(db)
        assert log in (self.before, self.after), "the import is in the database in part"
        check_backups(db, self.before, tally)
        again = run_import(db, self.source, self.folder)
        assert again.returncode == 0, again.stderr
        assert read_log(db) == self.after
        backups = db.parent / "backups"
        left = [p.name for p in backups.iterdir() if _temporary(p)]
        assert left == [], "the next backup did not clear what a killed one left"
        return "whole" if log == self.after else "absent"


def run_import(db: Path, source: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, str(REPO_ROOT / "main.py"), "--db", str(db), "import", str(source)],
        env=child_env(folder / "home"),
        capture_output=True,
        text=True,
        timeout=120,
    )


STEP_TITLES = {"A": "v0", "B": "v1", "U": "v0", "R": "v1"}


def steps_of(n: int) -> list[str]:
    return ["A", "B", "U", "R"] if n % 4 == 3 else ["A", "B"]


@dataclass
class EditRun:
    """A database that edit workers write in turn, each killed; the steps they reported."""

    db: Path
    reported: dict[int, str] = field(default_factory=dict)  # round -> last step reported

    def kill_once(self, delay: float, tally: Tally) -> None:
        process = subprocess.Popen(
            [PYTHON, "-m", "tests.robustness.edit_worker", str(self.db)],
            env=child_env(self.db.parent / "home"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=REPO_ROOT,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        out, err = process.communicate()
        assert process.returncode == -signal.SIGKILL, err.decode()
        for line in out.decode().splitlines():
            step, number = line.split()
            self.reported[int(number)] = step
        self.judge(tally)

    def judge(self, tally: Tally) -> None:
        if not self.db.exists():
            # Killed while Python was still starting (a busy machine takes 0.3 s): nothing written.
            assert not self.reported, "steps were reported and there is no database"
            tally.count("killed before it made the database")
            return
        assert integrity(self.db) == ["ok"]
        log = read_log(self.db)
        rounds = sorted(int(client.id[2:]) for client in log.clients)
        assert rounds == list(range(len(rounds))), "a round is missing between others"
        contracts = {contract.id: contract for contract in log.contracts}
        payments: dict[str, list[str]] = {}
        for payment in log.payments:
            payments.setdefault(payment.contract, []).append(payment.ref or "")
        feedback = {item.contract for item in log.feedback}
        from tests.robustness.edit_worker import PAYMENTS

        for n in rounds:
            key = f"k-{n:05}"
            assert key in contracts and key in feedback, f"round {n}: step A in part"
            refs = payments[key]
            assert sum(ref.startswith(f"P-{n}-") for ref in refs) == PAYMENTS, f"round {n}: A"
            assert (contracts[key].title == "v1") == (f"B-{n}" in refs), f"round {n}: B in part"
        for n, last in self.reported.items():
            assert n in rounds, f"round {n} was reported done and is not there"
            steps = steps_of(n)
            done = steps.index(last)
            allowed = {STEP_TITLES[s] for s in steps[done : done + 2]}
            assert contracts[f"k-{n:05}"].title in allowed, f"round {n}: step {last} was lost"
        check_backups(self.db, None, tally)
        tally.count("edits whole")


def random_delays(count: int, low: float, high: float, seed: int) -> list[float]:
    """`count` moments spread evenly over [low, high], each shaken a little (seeded)."""
    rng = random.Random(seed)
    step = (high - low) / count
    return [low + step * (i + rng.random()) for i in range(count)]


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    os.sync()
