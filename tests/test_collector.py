"""The cycle collector: paused while start-up and a command make their objects, resumed after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

import main
from tracker.cli import commands, run
from tracker.collector import collect_from_now_on, cycle_collection_paused


@pytest.fixture
def collecting() -> Iterator[None]:
    """The collector running when the test starts, and running again when it ends."""
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was:
            gc.disable()


@pytest.mark.usefixtures("collecting")
def test_the_block_runs_paused_and_the_collector_resumes_after() -> None:
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_the_collector_resumes_after_a_failure_too() -> None:
    with pytest.raises(RuntimeError), cycle_collection_paused():
        raise RuntimeError("inside")
    assert gc.isenabled()


def test_a_paused_collector_stays_paused() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collecting")
def test_start_up_runs_paused_and_leaves_the_collector_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []

    def run_program(argv: list[str], end_at_once: bool = False) -> int:
        seen.append(gc.isenabled())  # before the parser, the engine's or the window's imports
        return 0

    monkeypatch.setattr(main, "run_program", run_program)
    assert main.main(["score"]) == 0
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_a_command_run_by_the_command_line_alone_is_paused_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def score(*_: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setitem(commands.HANDLERS, "score", score)
    assert run(["--db", str(tmp_path / "log.sqlite3"), "score"]) == 0
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.usefixtures("collecting")
def test_the_window_session_collects_what_it_makes_and_leaves_start_up_out() -> None:
    before = gc.get_freeze_count()
    gc.disable()
    try:
        collect_from_now_on()
        assert gc.isenabled()
        assert gc.get_freeze_count() > before  # what start-up made is set aside
    finally:
        gc.unfreeze()
