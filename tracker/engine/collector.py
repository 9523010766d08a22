"""Pausing Python's cycle collector while the engine builds its many small values.

A computation over a log makes tens of thousands of states, facts and segments, none of them in
a cycle; each few hundred allocations the collector runs, and now and then it walks every object
alive (the whole log with them). Paused, it finds the same nothing at the next run.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def without_cycle_collection(function: Callable[P, R]) -> Callable[P, R]:
    """`function` run with the cycle collector paused (and resumed after, if it was running)."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused
