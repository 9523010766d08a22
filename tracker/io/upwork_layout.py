"""Which of the marketplace's transaction-history layouts a header is, and where its columns are.

Columns are found by name, with case, spacing and parentheses ignored, so `Amount ($)`, `amount $`
and `AMOUNT $` are one column. The three known layouts differ in where the reference, the type and
the client live; everything after this module asks for a role (`date`, `ref`, ...), not a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OLDER_COLUMNS = (
    "Date", "Ref ID", "Type", "Description", "Agency", "Freelancer", "Team", "Account Name", "PO",
    "Amount", "Amount in local currency", "Currency", "Balance",
)  # fmt: skip
NEWER_COLUMNS = (
    "Date", "Transaction ID", "Transaction type", "Transaction summary", "Description", "Ref ID",
    "Agency", "Team", "Account Name", "Freelancer", "Amount $", "Currency",
)  # fmt: skip
NINETEEN_COLUMNS = (
    "Date", "Transaction ID", "Transaction type", "Transaction summary",
    "Transaction summary details", "Description 1", "Description 2", "Description 3", "Agency team",
    "Freelancer", "Client team", "Account name", "PO", "Ref ID", "Amount $",
    "Amount in local currency", "Currency", "Current balance $", "Payment method",
)  # fmt: skip

# The description-like columns, in the order a contract id or title is looked for.
DESCRIPTION_COLUMNS = (
    "Description", "Description 1", "Description 2", "Description 3", "Transaction summary",
    "Transaction summary details",
)  # fmt: skip
# Only these columns only the 19-column layout has; there `Account name` is the freelancer.
_NINETEEN_MARKERS = ("Client team", "Transaction summary details", "Description 1", "Agency team")
_AMOUNT_NAMES = ("Amount $", "Amount USD", "Amount")

EXPECTED = (
    "Date, Ref ID, Type, Description, Team, Amount (older layout); Date, Transaction ID, "
    "Transaction type, Transaction summary or Description, Team, Amount $ (newer layout); or Date, "
    "Transaction ID, Transaction type, Transaction summary, Description 1, Client team, Amount $ "
    "(19-column layout)"
)


def column_key(name: str) -> str:
    """The name with case, spacing, parentheses and a BOM ignored: how columns are matched."""
    return re.sub(r"[\s()\ufeff_]+", "", name).casefold()


@dataclass(frozen=True, slots=True)
class Column:
    """One column the importer reads: its position and its name as the file writes it."""

    index: int
    name: str


@dataclass(frozen=True, slots=True)
class UpworkColumns:
    """Where each role lives in one file; `refs` and `clients` are tried in order per row."""

    layout: str
    date: Column
    type: Column
    amount: Column
    refs: tuple[Column, ...]
    descriptions: tuple[Column, ...]
    clients: tuple[Column, ...]


class LayoutMismatch(ValueError):
    """A header that is not one of the known layouts; the message lists what is missing."""


@dataclass(frozen=True, slots=True)
class _Layout:
    name: str
    refs: tuple[str, ...]
    type: str
    clients: tuple[str, ...]


_OLDER = _Layout("older", ("Ref ID",), "Type", ("Team", "Account Name"))
_NEWER = _Layout(
    "newer", ("Transaction ID", "Ref ID"), "Transaction type", ("Team", "Account Name")
)
_NINETEEN = _Layout("19-column", ("Transaction ID", "Ref ID"), "Transaction type", ("Client team",))


def find_columns(header: list[str]) -> UpworkColumns:
    """The columns of a header row, whichever known layout it is.

    Raises:
        LayoutMismatch: when the header is none of the layouts; its text says what was expected.
    """
    positions: dict[str, Column] = {}
    for index, name in enumerate(header):
        positions.setdefault(column_key(name), Column(index, name.strip().lstrip("\ufeff").strip()))

    def present(*names: str) -> tuple[Column, ...]:
        return tuple(positions[key] for key in map(column_key, names) if key in positions)

    layout = _OLDER
    if present("Transaction ID", "Transaction type"):
        layout = _NINETEEN if present(*_NINETEEN_MARKERS) else _NEWER
    found = {
        "Date": present("Date"),
        layout.refs[0]: present(layout.refs[0]),
        layout.type: present(layout.type),
        "Description": present(*DESCRIPTION_COLUMNS),
        " or ".join(layout.clients): present(*layout.clients),
        "Amount": present(*_AMOUNT_NAMES),
    }
    missing = [name for name, columns in found.items() if not columns]
    if missing:
        raise LayoutMismatch(
            "this is not a transaction history from the marketplace (it has no "
            f"{', '.join(missing)} column); expected the columns {EXPECTED}"
        )
    return UpworkColumns(
        layout=layout.name,
        date=found["Date"][0],
        type=found[layout.type][0],
        amount=found["Amount"][0],
        refs=present(*layout.refs),
        descriptions=found["Description"],
        clients=found[" or ".join(layout.clients)],
    )
