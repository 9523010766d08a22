"""Pausing Python's cycle collector while Repute makes its many small values.

Start-up, reading a file and a computation over a log make tens of thousands of records, states,
facts and segments, none of them in a cycle; each few hundred allocations the collector runs, and
now and then it walks every object alive (the whole log with them). Paused, it finds the same
nothing at the next run.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """The block run with the cycle collector paused (and resumed after, if it was running)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def without_cycle_collection(function: Callable[P, R]) -> Callable[P, R]:
    """`function` run with the cycle collector paused (and resumed after, if it was running)."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with cycle_collection_paused():
            return function(*args, **kwargs)

    return paused


def collect_from_now_on() -> None:
    """Resume the collector for a long session, leaving out for good what start-up made.

    Start-up runs paused (main.start): its modules, its window and its log live as long as the
    process, so the collector would only walk them again and again (gc.freeze's own purpose).
    """
    gc.freeze()
    gc.enable()
