"""The checks a form runs on the record it would save: the facts that tie it to the rest of the log.

Each field already checks its own text (a date is a date). The rules between fields and records are
tracker.records.validation's, shared with every import; this module puts the form's own wording
first ("the end is before the start" beside the end) and adds what only an edit can break (a new
start after the contract's existing payments). `record_problems` is the one entry point.
"""

from __future__ import annotations

from collections.abc import Iterator

from tracker.records import validation
from tracker.records.changes import Record
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
from ui.log.formatting import day, quoted

Problem = validation.Problem


def record_problems(record: Record, log: Log, original: Record | None = None) -> list[Problem]:
    """Everything wrong with saving `record` into `log` (in place of `original`), one per field."""
    first_per_field: dict[str, Problem] = {}
    for problem in (
        *form_problems(record, log, original),
        *validation.record_problems(record, log, replacing=original),
    ):
        first_per_field.setdefault(problem.field, problem)
    return list(first_per_field.values())


def form_problems(record: Record, log: Log, original: Record | None = None) -> list[Problem]:
    """The form's own checks, worded for the field they are shown beside."""
    checks = {
        Client: _client,
        Contract: _contract,
        Payment: _payment,
        Feedback: _feedback,
        Invite: _invite,
        Proposal: _proposal,
        Snapshot: _snapshot,
        CountedMark: _counted_mark,
        Event: _event,
    }
    return list(checks[type(record)](record, log, original))  # type: ignore[operator]


def _taken(new_id: str, existing: Iterator[str], original_id: str | None) -> bool:
    return new_id != original_id and any(other == new_id for other in existing)


def _client(client: Client, log: Log, original: Client | None) -> Iterator[Problem]:
    if _taken(client.id, (c.id for c in log.clients), original.id if original else None):
        yield Problem("id", f"another client already has the id '{client.id}'")


def _contract(contract: Contract, log: Log, original: Contract | None) -> Iterator[Problem]:
    original_id = original.id if original else None
    if _taken(contract.id, (c.id for c in log.contracts), original_id):
        yield Problem("id", f"another contract already has the id '{contract.id}'")
    if contract.ended is not None and contract.ended < contract.started:
        yield Problem("ended", "the end is before the start")
    payments = [p for p in log.payments if p.contract == original_id] if original_id else []
    if contract.earned is not None and payments:
        yield Problem(
            "earned",
            f"this contract has {len(payments)} payment{'s' if len(payments) != 1 else ''} listed; "
            "leave this empty (it is for contracts without them)",
        )
    if contract.last_paid is not None:
        if contract.earned is None:
            yield Problem("last_paid", "only with the amount earned typed in")
        elif contract.last_paid < contract.started:
            yield Problem("last_paid", "the last payment is before the start")
        elif contract.ended is not None and contract.last_paid > contract.ended:
            yield Problem("last_paid", "the last payment is after the end")
    if original_id:
        dated = [(p.date, "a payment") for p in payments]
        dated += [(f.date, "a feedback") for f in log.feedback if f.contract == original_id]
        early = [(when, what) for when, what in dated if when < contract.started]
        if early:
            when, what = min(early)
            yield Problem("started", f"{what} on {day(when)} is before this start")


def _contract_of(record_contract: str, log: Log) -> Contract | None:
    return log.contract_by_id().get(record_contract)


def _payment(payment: Payment, log: Log, original: Payment | None) -> Iterator[Problem]:
    contract = _contract_of(payment.contract, log)
    if contract is None:
        yield Problem("contract", f"there is no contract '{payment.contract}'")
        return
    if payment.date < contract.started:
        yield Problem(
            "date", f"the payment is before the contract's start ({day(contract.started)})"
        )
    if contract.earned is not None:
        yield Problem(
            "contract",
            f"{quoted(contract.title, contract.id)} has its earnings typed in; "
            "clear 'earned' on the contract first",
        )
    renamed = payment.ref and (original is None or payment.ref != original.ref)
    if renamed and any(p.ref == payment.ref for p in log.payments):
        yield Problem("ref", f"another payment already has the reference '{payment.ref}'")


def _feedback(feedback: Feedback, log: Log, original: Feedback | None) -> Iterator[Problem]:
    contract = _contract_of(feedback.contract, log)
    if contract is None:
        yield Problem("contract", f"there is no contract '{feedback.contract}'")
        return
    if feedback.date < contract.started:
        yield Problem(
            "date", f"the feedback is before the contract's start ({day(contract.started)})"
        )
    if (original is None or feedback.key != original.key) and any(
        f.key == feedback.key for f in log.feedback
    ):
        yield Problem(
            "date",
            f"{quoted(contract.title, contract.id)} has {feedback.kind} feedback that day already",
        )


def _invite(invite: Invite, log: Log, original: Invite | None) -> Iterator[Problem]:
    if _taken(invite.id, (i.id for i in log.invites), original.id if original else None):
        yield Problem("id", f"another invite already has the id '{invite.id}'")
    if invite.client is not None and invite.client not in log.client_by_id():
        yield Problem("client", f"there is no client '{invite.client}'; add it on the Clients page")
    if invite.responded is not None and invite.responded < invite.date:
        yield Problem("responded", "the answer is before the invite")


def _proposal(proposal: Proposal, log: Log, original: Proposal | None) -> Iterator[Problem]:
    if _taken(proposal.id, (p.id for p in log.proposals), original.id if original else None):
        yield Problem("id", f"another proposal already has the id '{proposal.id}'")


def _snapshot(snapshot: Snapshot, log: Log, original: Snapshot | None) -> Iterator[Problem]:
    if (original is None or snapshot.date != original.date) and any(
        s.date == snapshot.date for s in log.snapshots
    ):
        yield Problem("date", f"there is already a recorded value on {day(snapshot.date)}")


def _counted_mark(
    mark: CountedMark, log: Log, original: CountedMark | None
) -> Iterator[Problem]:
    contract = _contract_of(mark.contract, log)
    if contract is None:
        yield Problem("contract", f"there is no contract '{mark.contract}'")
        return
    if mark.date < contract.started:
        yield Problem("date", f"the mark is before the contract's start ({day(contract.started)})")
    if (original is None or mark.key != original.key) and any(
        m.key == mark.key for m in log.counted_marks
    ):
        yield Problem(
            "date", f"{quoted(contract.title, contract.id)} has a mark on {day(mark.date)} already"
        )


def _event(event: Event, log: Log, original: Event | None) -> Iterator[Problem]:
    if (original is None or event.key != original.key) and any(
        e.key == event.key for e in log.events
    ):
        yield Problem("date", f"there is already an event of this kind on {day(event.date)}")
    if event.until is not None and event.until < event.date:
        yield Problem("until", "the end is before the start")
