"""How a form words the record rules its record breaks, beside the field each one is about.

The rules are tracker.records' (the kinds' field rules, tracker.records.rules, validation), the
same an import follows, so a form and an import refuse the same values; this module only says them
the way the form speaks ("the end is before the start" beside the end). One check is the form's
own: a last payment date needs the amount earned typed in beside it (a file may hold a
`last_paid` alone). `record_problems` is the one entry point.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import cast

from tracker.records import validation
from tracker.records.changes import Record
from tracker.records.kinds import kind_of
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
from tracker.records.rules import Rule
from tracker.records.words import contract_name
from ui.log.formatting import day, quoted

Problem = validation.Problem


def record_problems(record: Record, log: Log, original: Record | None = None) -> list[Problem]:
    """Everything wrong with saving `record` into `log` (in place of `original`), one per field."""
    first_per_field: dict[str, Problem] = {}
    for problem in (
        *_form_only(record),
        *(
            worded(p, record, log)
            for p in validation.record_problems(record, log, replacing=original)
        ),
    ):
        first_per_field.setdefault(problem.field, problem)
    return list(first_per_field.values())


def _form_only(record: Record) -> Iterator[Problem]:
    if isinstance(record, Contract) and record.last_paid is not None and record.earned is None:
        yield Problem("last_paid", "only with the amount earned typed in")


def worded(problem: Problem, record: Record, log: Log) -> Problem:
    """`problem` in the form's words; as the rules say it where the form has no words of its own."""
    wording = _WORDINGS.get(problem.rule)
    text = wording(problem, record, log) if wording is not None else None
    if text is None:
        return problem
    return Problem(problem.field, text, problem.rule, problem.about)


Wording = Callable[[Problem, Record, Log], str | None]


def _taken(problem: Problem, record: Record, log: Log) -> str | None:
    if isinstance(record, Client | Contract | Invite | Proposal):
        return f"another {kind_of(record).noun.one} already has the id '{record.id}'"
    if isinstance(record, Payment):
        return f"another payment already has the reference '{record.ref}'"
    if isinstance(record, Snapshot):
        return f"there is already a recorded value on {day(record.date)}"
    if isinstance(record, Event):
        return f"there is already an event of this kind on {day(record.date)}"
    name = contract_name(log, record.contract)
    if name is None:
        return None
    if isinstance(record, Feedback):
        return f"{name} has {record.kind} feedback that day already"
    return f"{name} has a mark on {day(record.date)} already"


def _no_contract(problem: Problem, record: Record, log: Log) -> str | None:
    return f"there is no contract '{getattr(record, 'contract', '')}'"


def _no_client(problem: Problem, record: Record, log: Log) -> str | None:
    if isinstance(record, Invite):
        return f"there is no client '{record.client}'; add it on the Clients page"
    return None


def _before_contract_start(problem: Problem, record: Record, log: Log) -> str | None:
    what = "mark" if isinstance(record, CountedMark) else kind_of(record).noun.one
    start = cast(date, problem.about)
    return f"the {what} is before the contract's start ({day(start)})"


def _ends_before_start(problem: Problem, record: Record, log: Log) -> str | None:
    if isinstance(record, Invite):
        return "the answer is before the invite"
    return "the end is before the start"


def _earned_with_payments(problem: Problem, record: Record, log: Log) -> str | None:
    if problem.field != "earned" or not isinstance(record, Contract):
        return None
    count = sum(p.contract == record.id for p in log.payments)
    return (
        f"this contract has {count} payment{'s' if count != 1 else ''} listed; "
        "leave this empty (it is for contracts without them)"
    )


def _payment_with_earned(problem: Problem, record: Record, log: Log) -> str | None:
    contract = log.contract_by_id().get(getattr(record, "contract", ""))
    if contract is None or contract.earned is None:
        return None
    return (
        f"{quoted(contract.title, contract.id)} has its earnings typed in; "
        "clear 'earned' on the contract first"
    )


def _records_before_start(problem: Problem, record: Record, log: Log) -> str | None:
    when, what = cast(tuple[date, str], problem.about)
    return f"a {what} on {day(when)} is before this start"


_WORDINGS: dict[str, Wording] = {
    Rule.TAKEN: _taken,
    Rule.NO_CONTRACT: _no_contract,
    Rule.NO_CLIENT: _no_client,
    Rule.BEFORE_CONTRACT_START: _before_contract_start,
    Rule.ENDS_BEFORE_START: _ends_before_start,
    Rule.LAST_PAID_BEFORE_START: lambda *_: "the last payment is before the start",
    Rule.LAST_PAID_AFTER_END: lambda *_: "the last payment is after the end",
    Rule.EARNED_WITH_PAYMENTS: _earned_with_payments,
    Rule.PAYMENT_WITH_EARNED: _payment_with_earned,
    Rule.RECORDS_BEFORE_START: _records_before_start,
}
