"""What a record may hold, field by field and against the rest of the log.

One set of rules for every way into the log: the `repute/1` reader, the spreadsheet import, the
what-if change file and the window's forms all ask here, so a value refused in one is refused in
all. Field parsers live in `tracker.records.field_values`, each kind's fields (with the rule of
each) in `tracker.records.kinds`, and the rules between fields and records ("the end is before the
start") in `tracker.records.rules`; this module puts them together for one record about to enter
a log, and for a whole log, returned as `Problem`s a form can show beside its field.
"""

from __future__ import annotations

from collections.abc import Collection
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
    Contract,
    CountedMark,
    Event,
    Feedback,
    Log,
    Payment,
    Profile,
    Snapshot,
)
from tracker.records.rules import Problem, Rule, RuleContext, Values, records_before_start

__all__ = [
    "BadValue",
    "Problem",
    "Rule",
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


def rule_problems(kind: type, values: Values, context: RuleContext) -> list[Problem]:
    """The problems between the fields of one record and with the records it names."""
    return kind_of(kind).rules(values, context)


def record_key(record: Record | Profile) -> object:
    """What identifies a record in its table; None for a payment without a ref (counted instead)
    and for the profile."""
    if isinstance(record, Profile):
        return None
    return kind_of(record).key_of(record)


def _duplicate_problem(record: Record) -> Problem:
    taken = Rule.TAKEN
    if isinstance(record, Feedback):
        return Problem(
            "date",
            f"contract {describe(record.contract)} already has {record.kind} feedback on "
            f"{record.date}",
            taken,
        )
    if isinstance(record, Event):
        return Problem("date", f"there is already a {record.kind} event on {record.date}", taken)
    if isinstance(record, Snapshot):
        return Problem("date", f"there is already a snapshot on {record.date}", taken)
    if isinstance(record, CountedMark):
        return Problem(
            "date",
            f"contract {describe(record.contract)} already has a mark on {record.date}",
            taken,
        )
    if isinstance(record, Payment):
        return Problem("ref", f"another payment has the ref {describe(record.ref)}", taken)
    return Problem("id", f"{describe(record_key(record))} is already used by another record", taken)


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
        replacing: the record it replaces when editing, which is then not counted as a twin; a
            contract's records (payments, feedback, marks) then stay dated from its new start.
    """
    kind = type(record)
    required = kind_of(kind).required
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for name, rule in kind_of(kind).fields.items():
        value = getattr(record, name)
        if value is None or (value == "" and name in required):
            if name in required:
                problems.append(Problem(name, "is required", Rule.REQUIRED))
            continue
        try:
            values[name] = rule.parse(value)
        except BadValue as bad:
            problems.append(Problem(name, bad.message, Rule.VALUE))
    problems.extend(rule_problems(kind, values, context_of(log, leaving_out=replacing)))
    started = values.get("started")
    if isinstance(replacing, Contract) and isinstance(started, date):
        early = records_before_start(started, _records_of(replacing.id, log))
        if early is not None:
            problems.append(early)
    key = record_key(record)
    if key is not None and not isinstance(record, Profile):
        table = [r for r in _table(log, kind) if r is not replacing]
        if any(record_key(other) == key for other in table):
            problems.append(_duplicate_problem(record))
    first_per_field: dict[str, Problem] = {}
    for problem in problems:
        first_per_field.setdefault(problem.field, problem)
    return list(first_per_field.values())


def _records_of(contract_id: str, log: Log) -> list[tuple[date, str]]:
    """The day and noun of each payment, feedback and counted mark of a contract."""
    dated: list[Payment | Feedback | CountedMark] = [
        *log.payments,
        *log.feedback,
        *log.counted_marks,
    ]
    return [(r.date, kind_of(r).noun.one) for r in dated if r.contract == contract_id]


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
        contract = by_id.get(dated.contract)
        if contract is None:
            what = kind_of(dated).noun.one
            found.append(
                f"a {what} of {dated.date} names contract {dated.contract!r}, which is not there"
            )
            continue
        if isinstance(dated, Payment):
            paid.add(contract.id)
        if dated.date < contract.started:
            what = kind_of(dated).noun.one
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
