"""Reading the lists of a `repute/1` object into checked records: a Fragment of a log.

The JSON file, the what-if change file and the spreadsheet import all end here, so a value is
judged the same way whichever door it came in by. Records are read in file order and the first bad
value stops the reading (`RecordProblem` says which record and field; each reader turns it into an
`InputError` with its own way of saying where).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from tracker.io.problems import InputError
from tracker.records.changes import Record
from tracker.records.field_values import BadValue, NonFinite, describe, parse_iso_date
from tracker.records.kinds import PROFILE, TABLE_NAMES, kind_named
from tracker.records.makers import mapping_maker
from tracker.records.model import (
    SUB_SCORES,
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
from tracker.records.rules import Problem, RuleContext
from tracker.records.validation import record_key


@dataclass(frozen=True)
class Fragment:
    """Records read from a file, checked, not yet merged into the database."""

    profile: Profile | None = None
    settings: dict[str, object] | None = field(default=None, hash=False)
    clients: tuple[Client, ...] = ()
    contracts: tuple[Contract, ...] = ()
    payments: tuple[Payment, ...] = ()
    feedback: tuple[Feedback, ...] = ()
    invites: tuple[Invite, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()
    counted_marks: tuple[CountedMark, ...] = ()
    events: tuple[Event, ...] = ()
    unknown_keys: int = 0

    def as_log(self) -> Log:
        """The fragment on its own, as a log (a whole exported file reads back as its log)."""
        return Log(
            profile=self.profile or Profile(),
            settings=tuple(sorted((self.settings or {}).items())),
            **{table: getattr(self, table) for table in TABLE_NAMES},
        )

    def records(self) -> Iterable[Record]:
        """Every record, table by table in file-format order."""
        for table in TABLE_NAMES:
            yield from getattr(self, table)


class RecordProblem(Exception):
    """The first bad value of a table: the record's index, the field (dotted inside), what."""

    def __init__(self, index: int, key: str | None, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.key = key
        self.message = message


# Decides whether a record's identity may be used here (the change file's add/replace rules);
# returns a message when it may not.
IdentityCheck = Callable[[Record], str | None]


def _first_in_key_order(raw: Mapping[str, object], problems: list[Any]) -> Any:
    order = {key: position for position, key in enumerate(raw)}
    return min(problems, key=lambda p: order.get(p.field, len(order)))


def _duplicate_message(record: Record, earlier: str) -> str:
    if isinstance(record, Feedback):
        return (
            f"a second {record.kind} feedback for contract {describe(record.contract)} on "
            f"{record.date} (see {earlier})"
        )
    if isinstance(record, Event):
        return f"a second {record.kind} event on {record.date} (see {earlier})"
    if isinstance(record, CountedMark):
        return (
            f"a second mark for contract {describe(record.contract)} on {record.date}"
            f" (see {earlier})"
        )
    return f"{describe(str(record_key(record)))} is used twice (see {earlier})"


def _read_values(
    raw: object,
    index: int,
    parsers: Mapping[str, Callable[[object], object]],
    rules: Callable[[Mapping[str, object], RuleContext], list[Problem]],
    context: RuleContext,
) -> tuple[dict[str, Any], int]:
    """One record's known values and its count of unknown keys, reporting the first bad value.

    A bad value loses to a rule broken by a key before it (a reference to nothing), so the
    message always points at the first bad key of the record.
    """
    if type(raw) is not dict:
        raise RecordProblem(index, None, f"{describe(raw)} is not a record (an object)")
    values: dict[str, Any] = {}
    unknown = 0
    for key, value in raw.items():
        parse = parsers.get(key)
        if parse is None:
            unknown += 1
        elif value is not None:
            try:
                values[key] = parse(value)
            except BadValue as bad:
                if earlier := rules(values, context):
                    first = _first_in_key_order(raw, earlier)
                    raise RecordProblem(index, first.field, first.message) from None
                raise RecordProblem(
                    index, f"{key}.{bad.at}" if bad.at else key, bad.message
                ) from None
    return values, unknown


def read_table(
    table: str,
    items: object,
    context: RuleContext,
    *,
    identity_check: IdentityCheck | None = None,
    name_position: Callable[[int], str] | None = None,
) -> tuple[list[Record], int]:
    """The records of one table, checked; also how many unknown keys were ignored.

    `name_position` says where record i is, for messages that point at an earlier twin
    (default `table[i]`).

    Raises:
        RecordProblem: at the first bad value in file order (index -1 when `items` is no list).
    """
    if type(items) is not list:
        raise RecordProblem(-1, None, f"{describe(items)} is not a list of {table}")
    record_kind = kind_named(table)
    kind = record_kind.type
    parsers = {name: rule.parse for name, rule in record_kind.fields.items()}
    known = parsers.keys()
    required = record_kind.required
    required_set = frozenset(required)
    rules = record_kind.rules
    key_of = record_kind.key_of_values
    make = _maker_of(kind)
    # A twin is shown beside the one field that identifies it; a key of several fields, beside none.
    identity_field = record_kind.key[0] if len(record_kind.key) == 1 else None
    seen: dict[object, int] = {}
    records: list[Record] = []
    unknown = 0
    for index, raw in enumerate(items):
        try:
            # The common case in one comprehension; anything odd is read again slowly.
            values = {key: parsers[key](value) for key, value in raw.items() if value is not None}
            if not raw.keys() <= known:
                raise KeyError("an unknown key whose value is null")
        except (KeyError, BadValue, AttributeError):
            values, extra = _read_values(raw, index, parsers, rules, context)
            unknown += extra
        if kind is Feedback:
            scores = raw.get("scores")
            if type(scores) is dict:
                unknown += sum(1 for name in scores if name not in SUB_SCORES)
        if not values.keys() >= required_set:
            missing = next(key for key in required if key not in values)
            raise RecordProblem(index, missing, "is missing, and it is required")
        problems = rules(values, context)
        if problems:
            first = _first_in_key_order(raw, problems)
            raise RecordProblem(index, first.field, first.message)
        key = key_of(values)
        if key is not None:
            earlier = seen.get(key)
            if earlier is not None:
                where = name_position(earlier) if name_position else f"{table}[{earlier}]"
                twin = _duplicate_message(kind(**values), where)
                raise RecordProblem(index, identity_field, twin)
            seen[key] = index
        record = make(values)
        if identity_check is not None:
            message = identity_check(record)
            if message is not None:
                raise RecordProblem(index, identity_field, message)
        records.append(record)
    return records, unknown


_maker_of = lru_cache(maxsize=None)(mapping_maker)


def read_profile(raw: object, path: str) -> tuple[Profile, int]:
    """The profile object (missing keys take the defaults) and its count of unknown keys."""
    if type(raw) is not dict:
        raise InputError(path, f"{describe(raw)} is not an object")
    values: dict[str, Any] = {}
    unknown = 0
    for key, value in raw.items():
        rule = PROFILE.fields.get(key)
        if rule is None:
            unknown += 1
        elif value is not None:
            try:
                values[key] = rule.parse(value)
            except BadValue as bad:
                raise InputError(f"{path}.{key}", bad.message) from None
    return Profile(**values), unknown


SETTINGS_DEPTH_LIMIT = 32


def _plain_json(value: object, path: str, depth: int = 0) -> object:
    """A settings value with numbers as int or float, as the program's own JSON holds them.

    Settings are a few levels deep; a deeper value is refused before it exhausts the stack.
    """
    if depth > SETTINGS_DEPTH_LIMIT and isinstance(value, (list, dict)):
        raise InputError(path, f"is nested more than {SETTINGS_DEPTH_LIMIT} levels deep")
    if isinstance(value, Decimal):
        number = float(value)
        if number in (float("inf"), float("-inf")):
            raise InputError(path, f"{value} is too large a number")
        return number
    if isinstance(value, NonFinite):
        raise InputError(path, f"{value.text} is not a finite number")
    if isinstance(value, list):
        return [_plain_json(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {key: _plain_json(item, f"{path}.{key}", depth + 1) for key, item in value.items()}
    return value


def read_settings(raw: object, path: str) -> dict[str, object]:
    """The program's own settings: any JSON values, numbers made plain."""
    if type(raw) is not dict:
        raise InputError(path, f"{describe(raw)} is not an object")
    return {key: _plain_json(value, f"{path}.{key}") for key, value in raw.items()}


def raw_context(
    parts: Iterable[Mapping[str, object]],
    *,
    clients: Iterable[str],
    contract_starts: Mapping[str, date | None],
    contracts_with_payments: Iterable[str] = (),
    contracts_with_earned: Iterable[str] = (),
) -> RuleContext:
    """The rule context of file objects not yet read, on top of what is already known.

    Ids are taken from the raw lists without judging them: a bad record reports itself when its
    turn comes, and a reference to it is not a second error.
    """
    client_ids = set(clients)
    starts = dict(contract_starts)
    paid = set(contracts_with_payments)
    earned = set(contracts_with_earned)
    for part in parts:
        for raw in _raw_records(part.get("clients")):
            if type(raw.get("id")) is str:
                client_ids.add(raw["id"])  # type: ignore[arg-type]
        for raw in _raw_records(part.get("contracts")):
            contract_id = raw.get("id")
            if type(contract_id) is not str:
                continue
            try:
                starts[contract_id] = parse_iso_date(raw.get("started"))
            except BadValue:
                starts[contract_id] = None
            if raw.get("earned") is not None or raw.get("last_paid") is not None:
                earned.add(contract_id)
            else:
                earned.discard(contract_id)
        for raw in _raw_records(part.get("payments")):
            if type(raw.get("contract")) is str:
                paid.add(raw["contract"])  # type: ignore[arg-type]
    return RuleContext(client_ids, starts, paid, earned)


def _raw_records(items: object) -> Iterable[Mapping[str, object]]:
    if type(items) is list:
        return (raw for raw in items if type(raw) is dict)
    return ()


def read_fragment(
    document: Mapping[str, object],
    context: RuleContext,
    *,
    prefix: str = "",
    skip_keys: Iterable[str] = (),
    identity_checks: Mapping[str, IdentityCheck] | None = None,
) -> Fragment:
    """A fragment from a parsed object, key by key in file order.

    Args:
        document: the object (a `repute/1` file, or a change file's `add`/`replace`).
        context: what references may name (see `raw_context`).
        prefix: put before every path (`add.`).
        skip_keys: keys handled by the caller (`format`), neither read nor counted.
        identity_checks: per table, a check that a record's identity may be used here.

    Raises:
        InputError: at the first bad value in file order.
    """
    skipped = set(skip_keys)
    found: dict[str, Any] = {}
    unknown = 0
    for key, value in document.items():
        if key in skipped:
            continue
        path = prefix + key
        if key == "profile":
            if value is not None:
                found["profile"], extra = read_profile(value, path)
                unknown += extra
        elif key == "settings":
            if value is not None:
                found["settings"] = read_settings(value, path)
        elif key in TABLE_NAMES:
            if value is None:
                continue
            check = (identity_checks or {}).get(key)
            try:
                records, extra = read_table(key, value, context, identity_check=check)
            except RecordProblem as problem:
                raise InputError(_record_path(path, problem), problem.message) from None
            found[key] = tuple(records)
            unknown += extra
        else:
            unknown += 1
    return Fragment(**found, unknown_keys=unknown)


def _record_path(table_path: str, problem: RecordProblem) -> str:
    if problem.index < 0:
        return table_path
    path = f"{table_path}[{problem.index}]"
    return f"{path}.{problem.key}" if problem.key else path
