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

3. The cost of every import. Once PySide6 is loaded, each module Python imports is checked for
whether it uses PySide6 (for `from __feature__ import ...`) by reading its whole source through
`inspect.getsource`: about a millisecond a module, a quarter of a second over the window's
start. `cheap_feature_check` gives the same answer, "PySide6" in the module's source file, by
reading the file's bytes.
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


def cheap_feature_check() -> bool:
    """Load PySide6 and make its check of each imported module read the file, not parse it.

    Returns whether the check was replaced (not when this PySide6 has no such check).
    """
    import PySide6.QtCore  # noqa: F401  (loads the check, and the import hook that calls it)

    feature = sys.modules.get("shibokensupport.feature")
    parsing_check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(parsing_check):
        return False

    def uses_pyside(module: Any) -> bool:
        file = getattr(module, "__file__", None)
        if not isinstance(file, str) or not file.endswith(".py"):
            return bool(parsing_check(module))  # a built-in, a compiled or a frozen module
        try:
            with open(file, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False  # as the parsing check says of a module without its source

    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True


def shielded(method: Method) -> Method:
    """Wrap a void Qt override so an exception in it is reported, never handed to shiboken."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            method(*args, **kwargs)
        except Exception:
            sys.excepthook(*sys.exc_info())

    return wrapper  # type: ignore[return-value]
