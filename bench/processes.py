"""Timing whole processes: wall time from start to exit, and the peak memory they used.

Whole processes, not functions, because what a user waits for includes Python's start, the
imports and opening the database; a benchmark that skips them flatters the program.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One finished process."""

    seconds: float
    returncode: int
    stdout: str
    stderr: str
    peak_mib: float

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def complaint(self) -> str:
        """The line that says why it failed (a traceback's last), for a 'not available' cell."""
        for text in (self.stderr, self.stdout):
            for line in reversed(text.splitlines()):
                if line.strip():
                    return line.strip().replace("|", "/")[:120]
        return f"exit {self.returncode}"


@dataclass(frozen=True)
class Measured:
    """Repeated runs of one command: their median time and the highest peak memory."""

    runs: tuple[Run, ...]

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(run.peak_mib for run in self.runs)


class Unavailable(Exception):
    """The command failed (or does not exist yet): the benchmark says so instead of a number."""


def run_once(argv: Sequence[str], env: Mapping[str, str], cwd: Path, timeout: float = 600) -> Run:
    """Run `argv` to the end and measure it (peak memory from the kernel's rusage of the child)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(argv), stdout=out, stderr=err, env=dict(env), cwd=cwd)
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            watchdog.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds=seconds,
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            peak_mib=usage.ru_maxrss / 1024,
        )


def measure(
    argv: Sequence[str],
    env: Mapping[str, str],
    cwd: Path,
    repeat: int,
    *,
    warm_up: bool = True,
    prepare: Callable[[int], None] | None = None,
) -> Measured:
    """Run `argv` `repeat` times (after one untimed warm-up run) and keep every run.

    Args:
        prepare: a callable run before every run (untimed), e.g. to give each import a fresh
            database; it receives the run's index (-1 for the warm-up).

    Raises:
        Unavailable: when any run fails; its message is the failing run's first line of output.
    """
    runs = []
    for index in range(-1 if warm_up else 0, repeat):
        if prepare is not None:
            prepare(index)
        run = run_once(argv, env, cwd)
        if not run.ok:
            raise Unavailable(run.complaint())
        if index >= 0:
            runs.append(run)
    return Measured(tuple(runs))


def measure_pair(
    first: Sequence[str],
    second: Sequence[str],
    env: Mapping[str, str],
    cwd: Path,
    repeat: int,
) -> tuple[Measured | Unavailable, Measured | Unavailable]:
    """Time two commands in turns (a, b, a, b...), for a ratio that survives a busy machine."""
    first_result, second_result = measure_turns([(first, None), (second, None)], env, cwd, repeat)
    return first_result, second_result


Turn = tuple[Sequence[str], Callable[[int], None] | None]


def measure_turns(
    turns: Sequence[Turn], env: Mapping[str, str], cwd: Path, repeat: int
) -> list[Measured | Unavailable]:
    """Time commands in turns (a, b, c, a, b, c...), each after its own `prepare` (untimed).

    A command and its floor measured minutes apart can see different loads; taken in turns they
    see the same. Each command fails on its own: the others are still measured.
    """
    runs: list[list[Run]] = [[] for _ in turns]
    broken: list[Unavailable | None] = [None for _ in turns]
    for index in range(-1, repeat):
        for side, (argv, prepare) in enumerate(turns):
            if broken[side] is not None:
                continue
            if prepare is not None:
                prepare(index)
            run = run_once(argv, env, cwd)
            if not run.ok:
                broken[side] = Unavailable(run.complaint())
            elif index >= 0:
                runs[side].append(run)
    return [broken[s] or Measured(tuple(runs[s])) for s in range(len(turns))]
