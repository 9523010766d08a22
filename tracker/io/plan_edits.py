"""What the user changes in an import's plan before it is written: two contracts merged, or one
split at a date. Only contracts the import makes are merged away or split; the payments keep their
transaction ids, so a later statement finds them where the user put them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from tracker.records.changes import Change, Record
from tracker.records.model import Contract, Payment


@dataclass(frozen=True, slots=True)
class Merge:
    """The new contract `away` goes into `into` (new or already in the log)."""

    away: str
    into: str


@dataclass(frozen=True, slots=True)
class Split:
    """The new contract `contract`'s payments on or after `on` become a contract of their own."""

    contract: str
    on: date


Regrouping = Merge | Split


class RegroupError(ValueError):
    """A merge or split that does not fit the plan (said in one sentence)."""


def regrouped(change: Change, edits: tuple[Regrouping, ...], known: set[str]) -> Change:
    """`change` with the user's merges and splits applied in order.

    Args:
        change: the import's change.
        edits: the merges and splits.
        known: the ids of the contracts already in the log (they are extended, never removed).

    Raises:
        RegroupError: an edit naming a contract the plan does not make, or a split leaving a part
            without payments.
    """
    added = list(change.added)
    for edit in edits:
        made = {r.id: r for r in added if isinstance(r, Contract) and r.id not in known}
        if isinstance(edit, Merge):
            added = _merged(added, edit, made, known)
        else:
            added = _split(added, edit, made)
    return dataclasses.replace(change, added=tuple(added))


def _merged(
    added: list[Record], edit: Merge, made: dict[str, Contract], known: set[str]
) -> list[Record]:
    away = made.get(edit.away)
    if away is None or edit.away == edit.into:
        raise RegroupError(f"only a contract this import makes can be merged away ({edit.away})")
    into = next((r for r in added if isinstance(r, Contract) and r.id == edit.into), None)
    if into is None and edit.into not in known:
        raise RegroupError(f"there is no contract {edit.into} to merge into")
    result: list[Record] = []
    for record in added:
        if record is away:
            continue
        if isinstance(record, Payment) and record.contract == away.id:
            record = dataclasses.replace(record, contract=edit.into)
        elif record is into:
            record = dataclasses.replace(
                into,
                started=min(into.started, away.started),
                refunded=into.refunded + away.refunded,
                kind="hourly" if "hourly" in (into.kind, away.kind) else into.kind,
            )
        result.append(record)
    return result


def _split(added: list[Record], edit: Split, made: dict[str, Contract]) -> list[Record]:
    whole = made.get(edit.contract)
    if whole is None:
        raise RegroupError(f"only a contract this import makes can be split ({edit.contract})")
    paid = [r for r in added if isinstance(r, Payment) and r.contract == whole.id]
    later = [p for p in paid if p.date >= edit.on]
    if not later or len(later) == len(paid):
        raise RegroupError(
            f"a split on {edit.on} leaves one part of '{whole.title}' without payments"
        )
    taken = {r.id for r in added if isinstance(r, Contract)}
    number = 2
    while f"{whole.id}-{number}" in taken:
        number += 1
    part = dataclasses.replace(
        whole,
        id=f"{whole.id}-{number}",
        title=f"{whole.title} (from {edit.on})",
        started=min(p.date for p in later),
        refunded=type(whole.refunded)(0),
    )
    result: list[Record] = []
    for record in added:
        if isinstance(record, Payment) and record in later:
            record = dataclasses.replace(record, contract=part.id)
        result.append(record)
        if record is whole:
            result.append(part)
    return result
