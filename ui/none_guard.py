"""A guard against a reference-count defect of the PySide6 6.12 wheels on Python 3.11.

Every call of a Qt method that returns nothing (setText, resize, show, processEvents...) gives
back None without taking a reference to it, so None's count drops by one per call. Python 3.12
made None immortal and never notices; on 3.11 the count reaches zero after a few thousand calls
and the process aborts ("Fatal Python error: none_dealloc"), mid-run or at exit (status 134).
None is never freed anyway, so the guard lends it a count no program can use up. It measures
first and does nothing where the bindings are sound.
"""

from __future__ import annotations

import ctypes
import sys

LOAN = 1 << 40
_applied = False


def bindings_leak_none() -> bool:
    """Whether a void Qt call takes a reference away from None (measured, not assumed)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    probe.setObjectName("probe")
    return sys.getrefcount(None) < before


def guard_none_refcount() -> bool:
    """Lend None a very large reference count once, if this Python and PySide6 need it."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _applied
    if bindings_leak_none():
        ctypes.c_ssize_t.from_address(id(None)).value += LOAN
        _applied = True
    return _applied
