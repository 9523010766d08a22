"""How the log pages write money, dates and the model's words for people to read.

Tables and panels show the same value the same way everywhere. Money, days, ratings and names are
the library's (tracker.records.words: the what-if steps' sentences read the same); the stored
codes in words are the window's.
"""

from __future__ import annotations

from tracker.records.words import day, money, quoted, rating

__all__ = ["day", "money", "quoted", "rating", "words"]


def words(code: str | None) -> str:
    """A stored value in words: "no_longer_needed" becomes "no longer needed"."""
    if not code:
        return ""
    return code.replace("_", " ")
