"""The one error a user's input file can cause: what is wrong and where.

Readers raise it for the first bad value in file order; the command line prints `str(error)` on
one line and exits 1, and nothing of the file is written.
"""

from __future__ import annotations


class InputError(ValueError):
    """A bad value in an input file, located by `path` (a JSON path, or a CSV line and column)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"
