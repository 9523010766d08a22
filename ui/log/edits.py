"""The Change each add, edit and delete of the log pages makes, with a label that says what it did.

Labels name the record the way the user knows it ("edit contract 'Logo redesign'"), since they
come back in the status bar and in Undo's menu entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.records.changes import Change, Record
from tracker.records.kinds import Noun, kind_of
from tracker.records.model import (
    Client,
    Contract,
    CountedMark,
    Event,
    Feedback,
    Invite,
    Log,
    Payment,
    Proposal,
    Snapshot,
)
from tracker.records.removal import ClientInUse, removal
from tracker.records.words import contract_name
from ui.log.formatting import day, money, quoted, words
from ui.log.forms.spec import Draft


class DeleteRefused(ValueError):
    """A delete that would leave other records pointing at nothing; the message says which."""


def _contract_words(log: Log, contract_id: str) -> str:
    """The contract as its title names it, else its id (a payment may outlive its contract)."""
    return contract_name(log, contract_id) or contract_id


def describe(record: Record, log: Log) -> str:
    """The record as a person names it: "payment of $450.00 on 'Logo redesign'"."""
    if isinstance(record, Contract):
        return f"contract {quoted(record.title, record.id)}"
    if isinstance(record, Payment):
        amount = money(record.amount, log.profile.currency)
        return f"payment of {amount} on {_contract_words(log, record.contract)}"
    if isinstance(record, Feedback):
        return f"{record.kind} feedback on {_contract_words(log, record.contract)}"
    if isinstance(record, Invite):
        return f"invite {quoted(record.job, record.id)}"
    if isinstance(record, Proposal):
        return f"proposal {quoted(record.job, record.id)}"
    if isinstance(record, Snapshot):
        return f"recorded value {record.jss}% on {day(record.date)}"
    if isinstance(record, Event):
        return f"{words(record.kind)} on {day(record.date)}"
    if isinstance(record, CountedMark):
        listed = "counting" if record.counted else "not counting"
        return f"mark {listed} on {_contract_words(log, record.contract)}, {day(record.date)}"
    return f"client {quoted(record.name, record.id)}"


def _with_client(label: str, draft: Draft) -> str:
    new_clients = [r for r in draft.extras if isinstance(r, Client)]
    if new_clients:
        return f"{label} for new client {quoted(new_clients[0].name, new_clients[0].id)}"
    return label


def add_change(draft: Draft, log: Log) -> Change:
    """Adding the form's record (and a client it brings along)."""
    label = _with_client(f"add {describe(draft.record, log)}", draft)
    return Change(label=label, added=(draft.record, *draft.extras))


def edit_change(original: Record, draft: Draft, log: Log) -> Change | None:
    """Replacing `original` by the form's record: removed + added; None when nothing changed."""
    if draft.record == original and not draft.extras:
        return None
    label = _with_client(f"edit {describe(original, log)}", draft)
    return Change(label=label, added=(draft.record, *draft.extras), removed=(original,))


def _count(number: int, noun: str) -> str:
    if noun == "feedback":
        return f"{number} feedback"
    return f"{number} {noun}" if number != 1 else f"1 {noun.rstrip('s')}"


def delete_change(records: Sequence[Record], log: Log) -> Change:
    """Deleting `records` by the library's rule (tracker.records.removal): a contract takes its
    payments, feedback and counted marks along; a client still in use is refused.

    Raises:
        DeleteRefused: for a client that contracts or invites still refer to.
    """
    try:
        removing = removal(records, log)
    except ClientInUse as in_use:
        raise DeleteRefused(_in_use_words(in_use, log)) from None
    dependants = removing.taken
    gone_contracts = {r.id for r in records if isinstance(r, Contract)}
    if len(records) == 1:
        label = f"delete {describe(records[0], log)}"
    else:
        kinds = {type(r) for r in records}
        noun = kind_of(kinds.pop()).said if len(kinds) == 1 else Noun("record", "records")
        label = f"delete {noun.of(len(records))}"
    payments = sum(isinstance(r, Payment) for r in dependants)
    marks = sum(isinstance(r, CountedMark) for r in dependants)
    feedback = len(dependants) - payments - marks
    taken = [
        _count(n, noun)
        for n, noun in ((payments, "payments"), (feedback, "feedback"), (marks, "counted marks"))
        if n
    ]
    if taken:
        label += " with its " if len(gone_contracts) == 1 else " with their "
        label += " and ".join(taken)
    return removing.change(label)


def _in_use_words(in_use: ClientInUse, log: Log) -> str:
    uses = " and ".join(
        _count(n, noun)
        for n, noun in ((len(in_use.contracts), "contracts"), (len(in_use.invites), "invites"))
        if n
    )
    named = describe(in_use.client, log)
    one = len(in_use.contracts) + len(in_use.invites) == 1
    return (
        f"{named[0].upper()}{named[1:]} still has {uses}; "
        f"delete or move {'it' if one else 'them'} first."
    )
