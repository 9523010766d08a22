"""Text cells a spreadsheet would run as a formula, and the apostrophe that keeps them text.

A spreadsheet runs a cell as a formula when it starts with `=`, `+`, `-` or `@`, and many also
when blanks come first (a space, a no-break space, a zero-width space, NUL, a line feed, a tab or
a carriage return) or when the cell starts with a tab or a carriage return at all. Such a cell is
written with a leading `'`. A text that itself starts with `'` gets one too, so reading the export
back drops exactly the apostrophe writing added: the round trip gives the very same text.
"""

from __future__ import annotations

import unicodedata

TRIGGERS = frozenset("=+-@")
_ALWAYS = ("\t", "\r", "'")


def _blank(character: str) -> bool:
    """Skipped before a formula: whitespace, NUL and other controls, zero-width and format marks."""
    return character.isspace() or unicodedata.category(character) in ("Cc", "Cf", "Zs")


def needs_apostrophe(text: str) -> bool:
    """True when `text` must be written behind a `'` to stay text (and to come back whole)."""
    if text.startswith(_ALWAYS):
        return True
    for character in text:
        if not _blank(character):
            return character in TRIGGERS
    return False


def protected(text: str) -> str:
    """The cell to write for `text`."""
    return "'" + text if needs_apostrophe(text) else text


def unprotected(cell: str) -> str:
    """The text a cell written by `protected` stands for (other cells are their own text)."""
    if cell.startswith("'") and needs_apostrophe(cell[1:]):
        return cell[1:]
    return cell
