"""Work-arounds for two defects of the PySide6 6.12 wheels on Python 3.11, measured here.

1. Reference counts. Every call of a Qt method that returns nothing (setText, resize, show,
processEvents...) hands back None without taking a reference to it, and every `Signal.emit()`
does the same with True: their counts drop by one per call. Python 3.12 made these objects
immortal and never notices; on 3.11 the count reaches zero after a few thousand calls and the
process aborts ("Fatal Python error: none_dealloc" or "bool_dealloc"), mid-run or at exit with
status 134. None, True and False are never freed anyway, so the guard lends each a count no
program can use up. It measures first and does nothing where the bindings are sound.

2. Exceptions in overrides. When a Python override of a Qt virtual method (showEvent,
resizeEvent...) lets certain exceptions out, such as the ValueError of a failed tuple unpacking,
shiboken crashes while reporting it (a segmentation fault, no traceback). `shielded` reports the
exception through sys.excepthook instead (pytest-qt turns that into a failed test).
"""

from __future__ import annotations

import ctypes
import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

LOAN = 1 << 40
Method = TypeVar("Method", bound=Callable[..., Any])
_applied = False


def bindings_leak_singletons() -> bool:
    """Whether a void Qt call or a signal emit takes a reference away (measured, not assumed)."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        ping = Signal()

    probe = Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    probe.setObjectName("probe")
    probe.ping.emit()
    return sys.getrefcount(None) < none_before or sys.getrefcount(True) < true_before


def guard_singleton_refcounts() -> bool:
    """Lend None, True and False a very large count once, if this Python and PySide6 need it."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if bindings_leak_singletons():
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += LOAN
        _applied = True
    return _applied


def shielded(method: Method) -> Method:
    """Wrap a void Qt override so an exception in it is reported, never handed to shiboken."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            method(*args, **kwargs)
        except Exception:
            sys.excepthook(*sys.exc_info())

    return wrapper  # type: ignore[return-value]
