"""The one error a user's input file can cause: what is wrong and where.

Readers raise it for the first bad value in file order; the command line prints `str(error)` on
one line and exits 1, and nothing of the file is written.
"""

from __future__ import annotations


class InputError(ValueError):
    """A bad value in an input file, located by `path` (a JSON path, or a CSV line and column).

    `str(error)` is `"path: message"`, e.g. `contracts[3].started: '2025-13-01' is not a date`; a
    problem of the whole file (empty, not JSON) has an empty path and reads as the message alone.
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ChoiceNeeded(InputError):
    """A file that only the user can settle (its date order, another person's log): `question`
    says what is to be chosen, `option_hint` how to say it on the command line."""

    def __init__(self, path: str, question: str, option_hint: str) -> None:
        super().__init__(path, f"{question}; {option_hint}")
        self.question = question
        self.option_hint = option_hint


def csv_location(line: int, column: str | None = None) -> str:
    """The path of a CSV cell: `line 12, column Amount` (lines 1-based, the header is line 1)."""
    return f"line {line}, column {column}" if column else f"line {line}"
