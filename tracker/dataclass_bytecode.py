"""Keeping the bytecode of the methods @dataclass writes, as Python keeps a module's in __pycache__.

@dataclass makes each class's __init__, __repr__ and __eq__ (and for a frozen class __setattr__,
__delattr__ and __hash__) by writing their source and compiling it with exec() as the class is
made. Python caches a module's bytecode but not these: a command compiled the same 276 small
functions at every start, 20 to 40 ms of a `score` that takes 0.4 s.

`install` hands the dataclasses module an exec() that compiles each text once and keeps its code
object, by the text itself, in one file beside the package's own bytecode; `save` writes what a run
added. The code is the one exec() would compile: the same text, the same file name ("<string>"),
no future flag inherited (dataclasses has none) and the same -O level, which the file is kept for,
with the Python that made it. A missing, stale or unreadable file only means compiling as before;
a folder that cannot be written, or a Python told not to write bytecode, keeps nothing.

This is the one module that runs code it reads from a file (tests/robustness allow it alone): its
own compilations of dataclasses' texts, in the package's folder beside the .pyc files Python runs
from there anyway, at a place no argument, setting or database can change.
"""

from __future__ import annotations

import builtins
import contextlib
import dataclasses
import marshal
import os
import sys
from pathlib import Path
from types import CodeType
from typing import Any

# The file is for one build of Python at one -O level: marshal's format and the bytecode change
# between versions, and `assert`s are compiled in or out.
_HEADER = f"repute dataclass bytecode|{sys.version}|{marshal.version}|{sys.flags.optimize}\n"
# A file that grew past this (texts of classes since changed) keeps only what the run used.
MOST_KEPT = 4000


class KeptCode:
    """The code objects of a file, and what this run compiled or used."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.codes: dict[str, CodeType] = {} if path is None else _read(path)
        self.used: set[str] = set()
        self.compiled = 0  # texts this run compiled (0 once every class has been seen)

    def code_of(self, source: str) -> CodeType:
        code = self.codes.get(source)
        if code is None:
            code = self.codes[source] = compile(source, "<string>", "exec", dont_inherit=True)
            self.compiled += 1
        self.used.add(source)
        return code

    def save(self) -> None:
        """Write the file again when this run compiled something (atomically; never an error)."""
        if self.path is None or not self.compiled or sys.dont_write_bytecode:
            return
        codes = self.codes
        if len(codes) > MOST_KEPT:
            codes = {source: codes[source] for source in self.used}
        import tempfile  # only when writing: its imports cost more than a run that reads

        with contextlib.suppress(OSError, ValueError):
            self.path.parent.mkdir(exist_ok=True)
            handle, scratch = tempfile.mkstemp(dir=self.path.parent, prefix=".dataclass-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(_HEADER.encode())
                    marshal.dump(codes, out)
                os.replace(scratch, self.path)
            except BaseException:
                os.unlink(scratch)
                raise
        self.compiled = 0


def _read(path: Path) -> dict[str, CodeType]:
    """The file's code objects by their texts; nothing when it is missing, stale or damaged, or
    when anyone but this user owns it or may write it (stricter than Python is with a .pyc)."""
    try:
        with path.open("rb") as handle:
            if sys.platform != "win32":  # (Windows says who may write in its own lists)
                status = os.fstat(handle.fileno())
                if status.st_uid != os.getuid() or status.st_mode & 0o022:
                    return {}
            data = handle.read()
    except OSError:
        return {}
    header = _HEADER.encode()
    if not data.startswith(header):
        return {}
    try:
        codes = marshal.loads(data[len(header) :])
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(codes, dict) or not all(
        type(source) is str and type(code) is CodeType for source, code in codes.items()
    ):
        return {}
    return codes


def default_path() -> Path | None:
    """Beside the package's own bytecode (None in a bundle, whose files are not Repute's to add
    to, or for a Python that keeps no bytecode cache)."""
    tag = sys.implementation.cache_tag
    if tag is None or getattr(sys, "frozen", False):
        return None
    return Path(__file__).resolve().parent / "__pycache__" / f"dataclass-methods.{tag}.bin"


_kept: KeptCode | None = None


def install(path: Path | None) -> KeptCode:
    """Serve the dataclasses module's exec() from the file at `path` from now on (once)."""
    global _kept
    if _kept is None:
        _kept = KeptCode(path)
        kept = _kept

        def exec_kept(
            source: Any, globals: Any = None, locals: Any = None, /, **options: Any
        ) -> None:
            if type(source) is str and not options:
                source = kept.code_of(source)
            builtins.exec(source, globals, locals, **options)

        # A module's global shadows the builtin for that module's code only.
        dataclasses.exec = exec_kept  # type: ignore[attr-defined]
    return _kept


def save() -> None:
    """Write what this run compiled (nothing when `install` was not called)."""
    if _kept is not None:
        _kept.save()
