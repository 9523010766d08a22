"""Which of the marketplace's export layouts a header is, and where its columns are.

Columns are found by name, with case, spacing, parentheses and a trailing ` $` ignored, so
`Amount $`, `amount` and `AMOUNT ($)` are one column; the aliases of the 2025 layout (`Client
team`, `Agency team`) stand for its `Team` and `Agency`. Everything after this module asks for a
role (`date`, `ref`, ...), not a name. A header that is none of the layouts is refused naming the
columns missing for the nearest one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

OLDER = "older"
RECENT = "2025"
WEEKLY_SUMMARY = "summary"

OLDER_COLUMNS = (
    "Date", "Ref ID", "Type", "Description", "Agency", "Freelancer", "Team", "Account Name", "PO",
    "Amount", "Amount in local currency", "Currency", "Balance",
)  # fmt: skip
RECENT_COLUMNS = (
    "Date", "Transaction ID", "Transaction Type", "Transaction Summary",
    "Transaction Summary Details", "Description 1", "Description 2", "Description 3", "Agency",
    "Freelancer", "Team", "Account Name", "PO", "Ref ID", "Amount $", "Amount in local currency",
    "Currency", "Current Balance $", "Payment Method",
)  # fmt: skip
SUMMARY_COLUMNS = ("Date", "Contract", "Hours", "Amount", "Payment type")

# What each layout cannot do without, as the message names them.
_REQUIRED = {
    OLDER: ("Date", "Ref ID", "Type", "Description", "Amount"),
    RECENT: (
        "Date",
        "Transaction ID",
        "Transaction Type",
        "Transaction Summary|Description 1|Description",
        "Amount $",
    ),
    WEEKLY_SUMMARY: ("Date", "Contract", "Amount"),
}
_ALL = {OLDER: OLDER_COLUMNS, RECENT: RECENT_COLUMNS, WEEKLY_SUMMARY: SUMMARY_COLUMNS}
_ALIASES = {
    "team": ("Client team",),
    "agency": ("Agency team",),
    "amountinlocalcurrency": ("ExchangeRate",),
}
# The description-like columns, in the order a contract number or title is looked for.
_DESCRIPTIONS = {
    OLDER: ("Description",),
    RECENT: (
        "Transaction Summary",
        "Description 1",
        "Description 2",
        "Description 3",
        "Entered Description",
        "Transaction Summary Details",
        "Description",
    ),
    WEEKLY_SUMMARY: ("Contract",),
}
_REFS = {OLDER: ("Ref ID",), RECENT: ("Transaction ID",), WEEKLY_SUMMARY: ()}
_TYPES = {OLDER: "Type", RECENT: "Transaction Type", WEEKLY_SUMMARY: "Payment type"}

EXPECTED = (
    "Date, Ref ID, Type, Description, Team, Amount (the older transaction history); Date, "
    "Transaction ID, Transaction Type, Transaction Summary, Team, Amount $ (the 2025 one); or "
    "Date, Contract, Hours, Amount, Payment type (the weekly summary)"
)


def column_key(name: str) -> str:
    """The name as matched: case, spacing, parentheses, a BOM and a trailing `$` ignored."""
    key = re.sub(r"[\s()\ufeff_]+", "", name).casefold()
    return key.removesuffix("$") or key


@dataclass(frozen=True, slots=True)
class Column:
    """One column the importer reads: its position and its name as the file writes it."""

    index: int
    name: str


@dataclass(frozen=True, slots=True)
class UpworkColumns:
    """Where each role lives in one file; `refs` are tried in order per row."""

    layout: str
    date: Column
    type: Column | None
    amount: Column
    refs: tuple[Column, ...]
    descriptions: tuple[Column, ...]
    client: Column | None
    freelancer: Column | None
    summary: Column | None  # the 2025 layout's Transaction Summary: the contract's title


class LayoutMismatch(ValueError):
    """A header that is not one of the known layouts; the message lists what is missing."""


def find_columns(header: list[str]) -> UpworkColumns:
    """The columns of a header row, whichever known layout it is.

    Raises:
        LayoutMismatch: when the header is none of the layouts; it names the columns missing for
            the layout the header comes nearest to.
    """
    positions: dict[str, Column] = {}
    for index, name in enumerate(header):
        positions.setdefault(column_key(name), Column(index, name.strip().lstrip("\ufeff").strip()))

    def find(name: str) -> Column | None:
        key = column_key(name)
        for candidate in (key, *map(column_key, _ALIASES.get(key, ()))):
            if candidate in positions:
                return positions[candidate]
        return None

    layout = _nearest(find)
    missing = [
        names.split("|")[0]
        for names in _REQUIRED[layout]
        if all(find(name) is None for name in names.split("|"))
    ]
    if missing:
        s = "" if len(missing) == 1 else "s"
        raise LayoutMismatch(
            f"this is not an export of the marketplace that Repute knows: it comes nearest to "
            f"{_LAYOUT_NAMES[layout]} but has no {', '.join(missing)} column{s}; expected the "
            f"columns {EXPECTED}"
        )
    date, amount = find("Date"), find("Amount")
    assert date is not None and amount is not None
    return UpworkColumns(
        layout=layout,
        date=date,
        type=find(_TYPES[layout]),
        amount=amount,
        refs=tuple(c for c in map(find, _REFS[layout]) if c is not None),
        descriptions=tuple(c for c in map(find, _DESCRIPTIONS[layout]) if c is not None),
        client=find("Team") if layout != WEEKLY_SUMMARY else None,
        freelancer=find("Freelancer"),
        summary=find("Transaction Summary") if layout == RECENT else None,
    )


_LAYOUT_NAMES = {
    OLDER: "the older transaction history",
    RECENT: "the 2025 transaction history",
    WEEKLY_SUMMARY: "the weekly summary report",
}


def _nearest(find: Callable[[str], Column | None]) -> str:
    """The layout most of whose columns the header has (the 2025 one when it has a Transaction ID,
    which no other layout has)."""
    if find("Transaction ID") is not None:
        return RECENT
    if find("Contract") is not None and find("Ref ID") is None:
        return WEEKLY_SUMMARY

    def share(layout: str) -> float:
        return sum(find(name) is not None for name in _ALL[layout]) / len(_ALL[layout])

    return max((OLDER, RECENT, WEEKLY_SUMMARY), key=share)
