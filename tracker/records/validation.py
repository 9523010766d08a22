"""What a record may hold, field by field and against the rest of the log.

One set of rules for every way into the log: the `repute/1` reader, the spreadsheet import, the
what-if change file and the window's forms all ask here, so a value refused in one is refused in
all. Field parsers live in `tracker.records.field_values`, and each kind's fields (with the rule of
each) in `tracker.records.kinds`; this module knows the rules between fields and records ("the end
is before the start"), returned as `Problem`s a form can show beside its field.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Mapping
from dataclasses import dataclass
from datetime import date

from tracker.records.changes import Record
from tracker.records.field_values import (
    BadValue,
    describe,
    parse_iso_date,
    parse_money,
    parse_number_text,
)
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
    Profile,
    Proposal,
    Snapshot,
)

__all__ = [
    "BadValue",
    "Problem",
    "RuleContext",
    "describe",
    "log_problems",
    "parse_iso_date",
    "parse_money",
    "parse_number_text",
    "record_key",
    "record_problems",
    "rule_problems",
]

@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a record: the field to show it beside, and what is wrong in words."""

    field: str
    message: str


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What the rules between records need to know about the rest of the log.

    Attributes:
        clients: the client ids a reference may name.
        contract_starts: every contract a reference may name, with its start (None if unknown).
        contracts_with_payments: contracts whose payments are listed (no typed earned then).
        contracts_with_earned: contracts with a typed earned or last_paid (no listed payments).
    """

    clients: Container[str]
    contract_starts: Mapping[str, date | None]
    contracts_with_payments: Container[str] = frozenset()
    contracts_with_earned: Container[str] = frozenset()


Values = Mapping[str, object]


def _client_known(values: Values, context: RuleContext, problems: list[Problem]) -> None:
    client = values.get("client")
    if client is not None and client not in context.clients:
        problems.append(Problem("client", f"no client has the id {describe(client)}"))


def _contract_known(values: Values, context: RuleContext, problems: list[Problem]) -> None:
    contract = values.get("contract")
    if contract is None:
        return
    if contract not in context.contract_starts:
        problems.append(Problem("contract", f"no contract has the id {describe(contract)}"))
        return
    start = context.contract_starts[contract]  # type: ignore[index]
    day = values.get("date")
    if start is not None and isinstance(day, date) and day < start:
        problems.append(Problem("date", f"{day} is before the contract's start ({start})"))


def _contract_rules(values: Values, context: RuleContext) -> list[Problem]:
    problems: list[Problem] = []
    _client_known(values, context, problems)
    started, ended, last_paid = values.get("started"), values.get("ended"), values.get("last_paid")
    if isinstance(started, date) and isinstance(ended, date) and ended < started:
        problems.append(Problem("ended", f"{ended} is before the start ({started})"))
    if isinstance(last_paid, date):
        if isinstance(started, date) and last_paid < started:
            problems.append(Problem("last_paid", f"{last_paid} is before the start ({started})"))
        if isinstance(ended, date) and last_paid > ended:
            problems.append(Problem("last_paid", f"{last_paid} is after the end ({ended})"))
    if values.get("id") in context.contracts_with_payments:
        for name in ("earned", "last_paid"):
            if values.get(name) is not None:
                problems.append(
                    Problem(
                        name,
                        "is only for a contract whose payments are not listed, and this "
                        "contract's payments are listed; keep one or the other",
                    )
                )
    return problems


def _payment_rules(values: Values, context: RuleContext) -> list[Problem]:
    problems: list[Problem] = []
    _contract_known(values, context, problems)
    contract = values.get("contract")
    if contract is not None and contract in context.contracts_with_earned:
        problems.append(
            Problem(
                "contract",
                f"contract {describe(contract)} has a typed earned or last_paid, so its "
                "payments cannot be listed too; keep one or the other",
            )
        )
    return problems


def _feedback_rules(values: Values, context: RuleContext) -> list[Problem]:
    problems: list[Problem] = []
    _contract_known(values, context, problems)
    return problems


def _later_date_rule(name: str, what: str) -> Callable[[Values, RuleContext], list[Problem]]:
    def rules(values: Values, context: RuleContext) -> list[Problem]:
        client, later = values.get("client"), values.get(name)
        if (client is None or client in context.clients) and (
            later is None or later >= values.get("date", later)  # type: ignore[operator]
        ):
            return []
        problems: list[Problem] = []
        _client_known(values, context, problems)
        day = values.get("date")
        if isinstance(day, date) and isinstance(later, date) and later < day:
            problems.append(Problem(name, f"{later} is before the {what}'s date ({day})"))
        return problems

    return rules


def _no_rules(values: Values, context: RuleContext) -> list[Problem]:
    return []


RULES: dict[type, Callable[[Values, RuleContext], list[Problem]]] = {
    Profile: _no_rules,
    Client: _no_rules,
    Contract: _contract_rules,
    Payment: _payment_rules,
    Feedback: _feedback_rules,
    Invite: _later_date_rule("responded", "invite"),
    Proposal: _no_rules,
    Snapshot: _no_rules,
    CountedMark: _feedback_rules,  # the same rules: a known contract, dated from its start
    Event: _later_date_rule("until", "event"),
}


def rule_problems(kind: type, values: Values, context: RuleContext) -> list[Problem]:
    """The problems between the fields of one record and with the records it names."""
    return RULES[kind](values, context)


def record_key(record: Record | Profile) -> object:
    """What identifies a record in its table; None for a payment without a ref (counted instead)
    and for the profile."""
    if isinstance(record, Profile):
        return None
    return kind_of(record).key_of(record)


def _duplicate_problem(record: Record) -> Problem:
    if isinstance(record, Feedback):
        return Problem(
            "date",
            f"contract {describe(record.contract)} already has {record.kind} feedback on "
            f"{record.date}",
        )
    if isinstance(record, Event):
        return Problem("date", f"there is already a {record.kind} event on {record.date}")
    if isinstance(record, Snapshot):
        return Problem("date", f"there is already a snapshot on {record.date}")
    if isinstance(record, CountedMark):
        return Problem(
            "date", f"contract {describe(record.contract)} already has a mark on {record.date}"
        )
    if isinstance(record, Payment):
        return Problem("ref", f"another payment has the ref {describe(record.ref)}")
    return Problem("id", f"{describe(record_key(record))} is already used by another record")


def context_of(log: Log, *, leaving_out: Record | None = None) -> RuleContext:
    """The rule context of a log, as if `leaving_out` (a record being edited) were not there."""
    contracts = [c for c in log.contracts if c is not leaving_out]
    payments = [p for p in log.payments if p is not leaving_out]
    return RuleContext(
        clients={c.id for c in log.clients if c is not leaving_out},
        contract_starts={c.id: c.started for c in contracts},
        contracts_with_payments={p.contract for p in payments},
        contracts_with_earned={
            c.id for c in contracts if c.earned is not None or c.last_paid is not None
        },
    )


def record_problems(
    record: Record | Profile, log: Log, *, replacing: Record | None = None
) -> list[Problem]:
    """Everything wrong with `record` as a member of `log`, one Problem per field at most.

    Args:
        record: the record a form built (or any record about to enter the log).
        log: the log it goes into.
        replacing: the record it replaces when editing, which is then not counted as a twin.
    """
    kind = type(record)
    required = kind_of(kind).required
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for name, rule in kind_of(kind).fields.items():
        value = getattr(record, name)
        if value is None or (value == "" and name in required):
            if name in required:
                problems.append(Problem(name, "is required"))
            continue
        try:
            values[name] = rule.parse(value)
        except BadValue as bad:
            problems.append(Problem(name, bad.message))
    problems.extend(rule_problems(kind, values, context_of(log, leaving_out=replacing)))
    key = record_key(record)
    if key is not None and not isinstance(record, Profile):
        table = [r for r in _table(log, kind) if r is not replacing]
        if any(record_key(other) == key for other in table):
            problems.append(_duplicate_problem(record))
    first_per_field: dict[str, Problem] = {}
    for problem in problems:
        first_per_field.setdefault(problem.field, problem)
    return list(first_per_field.values())


def _table(log: Log, kind: type) -> tuple[Record, ...]:
    return getattr(log, kind_of(kind).table)  # type: ignore[no-any-return]


def log_problems(log: Log, *, contracts: Collection[str] | None = None) -> list[str]:
    """The rules between records that hold across a whole log, as sentences naming the records.

    An import or a change file is checked field by field as it is read; this checks the merged
    result (a replaced contract that now starts after its payments, payments added to a contract
    with a typed earned, a reference to a removed record).

    Args:
        log: the log to check.
        contracts: only look at these contracts (the ones a change touched); all when None.
    """
    found: list[str] = []
    by_id = log.contract_by_id()
    client_ids = {c.id for c in log.clients}
    wanted = set(by_id) if contracts is None else set(contracts)
    paid: set[str] = set()
    dated_records: list[Payment | Feedback | CountedMark] = [
        *log.payments,
        *log.feedback,
        *log.counted_marks,
    ]
    for dated in dated_records:
        if contracts is not None and dated.contract not in wanted:
            continue
        what = kind_of(dated).noun.one
        contract = by_id.get(dated.contract)
        if contract is None:
            found.append(
                f"a {what} of {dated.date} names contract {dated.contract!r}, which is not there"
            )
            continue
        if isinstance(dated, Payment):
            paid.add(contract.id)
        if dated.date < contract.started:
            found.append(
                f"a {what} of contract {contract.id!r} on {dated.date} is before the contract's "
                f"start ({contract.started})"
            )
    for contract_id in sorted(wanted & set(by_id)):
        contract = by_id[contract_id]
        if contract.client not in client_ids:
            found.append(
                f"contract {contract_id!r} names client {contract.client!r}, which is not there"
            )
        if contract_id in paid and (contract.earned is not None or contract.last_paid is not None):
            found.append(
                f"contract {contract_id!r} has a typed earned or last_paid and listed payments; "
                "keep one or the other"
            )
    if contracts is None:
        found.extend(
            f"invite {invite.id!r} names client {invite.client!r}, which is not there"
            for invite in log.invites
            if invite.client is not None and invite.client not in client_ids
        )
    return found
