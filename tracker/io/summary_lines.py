"""An import's summary as lines that say what they are about, so no reader matches their words.

The command line prints every line (with the option it would type to do otherwise); the window
shows what was done, lists the contracts apart, and sets the lines that need the user aside.
"""

from __future__ import annotations

from dataclasses import dataclass

DONE = "done"  # what the import does: added, skipped, ignored, moved...
NEW_CONTRACTS = "new contracts"  # the list of contracts made (the window shows them as a table)
HELD_BACK = "held back"  # records left out until the user says to replace what is there
NEEDS_YOU = "needs you"  # something only the user can finish (a client, an end date...)
OPEN_CONTRACTS = "open contracts"  # the new contracts still open: needs you, counted before edits
ROLES = (DONE, NEW_CONTRACTS, HELD_BACK, NEEDS_YOU, OPEN_CONTRACTS)
NEEDING_YOU = (NEEDS_YOU, OPEN_CONTRACTS)
NEEDS_YOU_WORDS = "Needs you: "  # how the command line marks a line that needs the user


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One sentence of a summary and what it is about (`role`, one of ROLES).

    A line that needs the user says what, without a "Needs you:" in front (the command line
    prints one; the window shows such lines under a heading of its own). `option_hint` is how to
    do otherwise on the command line ("import again with --replace to use the payments instead");
    the window has a button for it and shows the sentence alone.
    """

    text: str
    role: str = DONE
    option_hint: str = ""

    @property
    def needs_you(self) -> bool:
        return self.role in NEEDING_YOU

    def printed(self) -> str:
        """The line as the command line prints it: "Needs you: " before what needs the user, and
        its hint, if any, before the full stop."""
        text = f"{NEEDS_YOU_WORDS}{self.text}" if self.needs_you else self.text
        if not self.option_hint:
            return text
        return f"{text.removesuffix('.')}; {self.option_hint}."


@dataclass(frozen=True, slots=True)
class HeldBack:
    """Payments of a statement left out: their contract has an amount earned typed in."""

    contract: str
    title: str
    payments: int


def summary_lines(texts: list[str], role: str = DONE) -> list[SummaryLine]:
    return [SummaryLine(text, role) for text in texts]
