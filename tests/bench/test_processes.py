"""The runner's timing: a finished command gives numbers, a failing one says why, never a crash."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.processes import Measured, Unavailable, measure, measure_pair, measure_turns
from bench.run import Row, markdown, selected


def test_a_command_is_timed_after_a_warm_up(tmp_path: Path) -> None:
    calls: list[int] = []

    measured = measure([sys.executable, "-c", "print('hi')"], {}, tmp_path, 2, prepare=calls.append)

    assert calls == [-1, 0, 1]
    assert len(measured.runs) == 2
    assert all(run.stdout == "hi\n" for run in measured.runs)
    assert 0 < measured.median < 10
    assert measured.peak_mib > 1


def test_a_failing_command_is_unavailable_with_the_reason(tmp_path: Path) -> None:
    argv = [sys.executable, "-c", "raise ValueError('no such command: plan')"]

    with pytest.raises(Unavailable, match=r"^ValueError: no such command: plan$"):
        measure(argv, {}, tmp_path, 3)


def test_a_pair_is_timed_in_turns_and_each_side_fails_on_its_own(tmp_path: Path) -> None:
    log = tmp_path / "order.txt"
    step = "open({path!r}, 'a').write({name!r})"
    first = [sys.executable, "-c", step.format(path=str(log), name="a")]
    second = [sys.executable, "-c", step.format(path=str(log), name="b")]
    broken = [sys.executable, "-c", "raise SystemExit('no such command')"]

    timed, floor = measure_pair(first, second, {}, tmp_path, 2)
    missing, floor_alone = measure_pair(broken, second, {}, tmp_path, 2)

    assert log.read_text() == "ababab" + "bbb"
    assert isinstance(timed, Measured) and len(timed.runs) == 2
    assert isinstance(floor, Measured) and len(floor.runs) == 2
    assert isinstance(missing, Unavailable) and str(missing) == "no such command"
    assert isinstance(floor_alone, Measured)


def test_the_table_shows_numbers_and_what_is_not_available() -> None:
    rows = [
        ("core", Row("score --json", "<= 0.8 s", "0.400 s", 0.5, "pass")),
        ("whatif", Row("plan", "", "", None, "not available: no such command")),
    ]

    table = markdown(rows, 3).splitlines()

    assert table[-2] == "| core | score --json | <= 0.8 s | 0.400 s | 0.50 | pass |"
    assert table[-1] == "| whatif | plan |  |  |  | not available: no such command |"


def test_only_picks_a_section_or_one_benchmark() -> None:
    assert selected("whatif") == [("whatif", "whatif"), ("whatif", "plan"), ("whatif", "calibrate")]
    assert selected("trend") == [("core", "trend")]
    with pytest.raises(SystemExit, match="not a section or a benchmark"):
        selected("speed")


def test_commands_are_timed_in_turns_each_after_its_own_preparation(tmp_path: Path) -> None:
    log = tmp_path / "order.txt"
    step = "open({path!r}, 'a').write({name!r})"

    def prepare(index: int) -> None:
        with log.open("a") as file:
            file.write(f"<{index}>")

    turns = [
        ([sys.executable, "-c", step.format(path=str(log), name=name)], before)
        for name, before in (("a", None), ("b", prepare), ("c", None))
    ]

    a, b, c = measure_turns(turns, {}, tmp_path, 2)

    assert log.read_text() == "a<-1>bc" + "a<0>bc" + "a<1>bc"
    assert all(isinstance(m, Measured) and len(m.runs) == 2 for m in (a, b, c))
