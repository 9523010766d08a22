"""What each kind of record is, in one place: the registry every reader and writer of records uses.

A `RecordKind` names a record's dataclass, its table (the Log's field, the file's list, the
database's table), the fields that identify it, its fields in the order of the file format with
the rule each value obeys, and the words for one and many ("1 contract", "2 contracts").
Validation, the store's columns and rows, the `repute/1` file, the CSV tables and the window's
forms and tables all read from here, so adding a field to a kind is its dataclass, its rule below
and a migration for its column.

What is derived is not listed: a field without a default in the dataclass is required, and the
store's columns are the dataclass's fields in their own order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from operator import attrgetter
from typing import Any

from tracker.records.field_values import (
    FieldRule,
    choice,
    parse_amount,
    parse_connects,
    parse_flag,
    parse_id,
    parse_iso_date,
    parse_jss,
    parse_money_at_least_zero,
    parse_optional_ref,
    parse_private,
    parse_stars,
    parse_sub_scores,
    parse_text,
)
from tracker.records.model import (
    CLOSED_BY,
    CONTRACT_KINDS,
    END_REASONS,
    EVENT_KINDS,
    FEEDBACK_KINDS,
    INVITE_STATUSES,
    PROPOSAL_STATUSES,
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
from tracker.records.rules import (
    Rules,
    contract_record_rules,
    contract_rules,
    later_date_rules,
    no_rules,
    payment_rules,
)

__all__ = [
    "KINDS",
    "LOG_ORDER",
    "PROFILE",
    "REFERENCES",
    "TABLE_NAMES",
    "Noun",
    "RecordKind",
    "Reference",
    "kind_named",
    "kind_of",
]


@dataclass(frozen=True, slots=True)
class Noun:
    """How a count of records is said: `Noun("contract", "contracts").of(2)` is "2 contracts"."""

    one: str
    many: str

    def of(self, count: int) -> str:
        return f"{count} {self.one if count == 1 else self.many}"


def _none_first(value: object) -> tuple[bool, object]:
    """Sorts an optional value as SQLite does: None before everything."""
    return (value is not None, "" if value is None else value)


@dataclass(frozen=True, eq=False)
class RecordKind:
    """One kind of record.

    Attributes:
        type: the record's frozen dataclass.
        table: the Log's field, the file's list and the database's table that hold these records.
        fields: every field in the order of the file format (interface.md's example), with the
            rule its value obeys; the same fields as the dataclass, checked when the kind is made.
        key: the fields that identify a record in its table; a payment's `ref` is optional, and
            payments without one are told apart by counting.
        noun: the words for one and many as the files and the command line say them.
        plain: the words a person reads in the window where the table's word is jargon ("recorded
            value" for a snapshot); the noun when None.
        order: the fields records are kept and exported in (None sorts first); the key when empty.
        rules: the rules between its fields and with the records it names (tracker.records.rules).
        required: the fields without a default in the dataclass, in its order (derived).
        columns: the dataclass's fields in its order: the database's columns (derived).
        defaults: each optional field's default (derived).
        nullable: the fields whose default is None (derived).
        always_keyed: every record has its key (all but payments, whose ref may be None).
        sort_key: `order` as a function of a record (derived).
    """

    type: type
    table: str
    fields: Mapping[str, FieldRule]
    key: tuple[str, ...]
    noun: Noun
    plain: Noun | None = None
    order: tuple[str, ...] = ()
    rules: Rules = no_rules
    required: tuple[str, ...] = field(init=False)
    columns: tuple[str, ...] = field(init=False)
    defaults: Mapping[str, object] = field(init=False)
    nullable: frozenset[str] = field(init=False)
    always_keyed: bool = field(init=False)
    sort_key: Callable[[Any], Any] = field(init=False)

    def __post_init__(self) -> None:
        declared = fields(self.type)
        columns = tuple(f.name for f in declared)
        if set(columns) != set(self.fields) or not {*self.key, *self.order} <= set(columns):
            raise TypeError(
                f"the {self.table} kind lists {sorted(self.fields)} (key {self.key}, order "
                f"{self.order}), "
                f"and {self.type.__name__} has {sorted(columns)}"
            )
        defaults: dict[str, object] = {}
        for declared_field in declared:
            if declared_field.default is not MISSING:
                defaults[declared_field.name] = declared_field.default
            elif declared_field.default_factory is not MISSING:
                defaults[declared_field.name] = declared_field.default_factory()
        object.__setattr__(self, "columns", columns)
        object.__setattr__(self, "required", tuple(c for c in columns if c not in defaults))
        object.__setattr__(self, "defaults", defaults)
        nullable = frozenset(name for name, value in defaults.items() if value is None)
        object.__setattr__(self, "nullable", nullable)
        object.__setattr__(self, "always_keyed", bool(self.key) and not nullable & set(self.key))
        object.__setattr__(self, "sort_key", self._make_sort_key(self.order or self.key))

    def _make_sort_key(self, names: tuple[str, ...]) -> Callable[[Any], Any]:
        if not names:
            return lambda record: ()
        nullable = [name for name in names if name in self.nullable]
        if not nullable:
            return attrgetter(*names)
        read = attrgetter(*names)
        if len(names) == 1:
            return lambda record: _none_first(read(record))
        wrapped = [name in nullable for name in names]
        return lambda record: tuple(
            _none_first(value) if maybe else value
            for value, maybe in zip(read(record), wrapped, strict=True)
        )

    @property
    def said(self) -> Noun:
        """The words the window uses for these records."""
        return self.plain or self.noun

    def key_of(self, record: Any) -> object:
        """What identifies `record`: the key's value, a tuple for a key of several fields; None
        for a record without one (a payment without a ref)."""
        if len(self.key) == 1:
            value = getattr(record, self.key[0])
            return value if self.always_keyed else value or None
        return tuple(getattr(record, name) for name in self.key)

    def key_of_values(self, values: Mapping[str, object]) -> object:
        """`key_of` for the values read for a record, defaults filled in, before it is made."""
        if len(self.key) == 1:
            return values.get(self.key[0])
        return tuple(values.get(name, self.defaults.get(name)) for name in self.key)


_ID = FieldRule("id", parse_id)
_REFERENCE = FieldRule("reference", parse_id)
_TEXT = FieldRule("text", parse_text)
_DATE = FieldRule("date", parse_iso_date)
_FLAG = FieldRule("flag", parse_flag)
_MONEY = FieldRule("money", parse_money_at_least_zero)


def _choice(allowed: tuple[str, ...], what: str) -> FieldRule:
    return FieldRule("choice", choice(allowed, what))


CLIENTS = RecordKind(
    Client,
    "clients",
    {"id": _ID, "name": _TEXT, "country": _TEXT, "flagged": _FLAG},
    key=("id",),
    noun=Noun("client", "clients"),
)
CONTRACTS = RecordKind(
    Contract,
    "contracts",
    {
        "id": _ID,
        "client": _REFERENCE,
        "title": _TEXT,
        "kind": _choice(CONTRACT_KINDS, "a contract kind"),
        "started": _DATE,
        "ended": _DATE,
        "closed_by": _choice(CLOSED_BY, "who can close a contract"),
        "end_reason": _choice(END_REASONS, "an end reason"),
        "disputed": _FLAG,
        "refunded": _MONEY,
        "earned": _MONEY,
        "last_paid": _DATE,
        "category": _TEXT,
        "notes": _TEXT,
    },
    key=("id",),
    noun=Noun("contract", "contracts"),
    rules=contract_rules,
)
PAYMENTS = RecordKind(
    Payment,
    "payments",
    {
        "contract": _REFERENCE,
        "date": _DATE,
        "amount": FieldRule("money", parse_amount),
        "ref": FieldRule("ref", parse_optional_ref),
    },
    key=("ref",),
    noun=Noun("payment", "payments"),
    order=("contract", "date", "ref", "amount"),
    rules=payment_rules,
)
FEEDBACK = RecordKind(
    Feedback,
    "feedback",
    {
        "contract": _REFERENCE,
        "date": _DATE,
        "kind": _choice(FEEDBACK_KINDS, "a feedback kind"),
        "stars": FieldRule("stars", parse_stars),
        "private": FieldRule("integer", parse_private),
        "private_is_guess": _FLAG,
        "scores": FieldRule("sub_scores", parse_sub_scores),
        "comment": _TEXT,
    },
    key=("contract", "date", "kind"),
    noun=Noun("feedback", "feedback"),
    rules=contract_record_rules,
)
INVITES = RecordKind(
    Invite,
    "invites",
    {
        "id": _ID,
        "date": _DATE,
        "job": _TEXT,
        "client": _REFERENCE,
        "rate": _MONEY,
        "status": _choice(INVITE_STATUSES, "an invite status"),
        "responded": _DATE,
    },
    key=("id",),
    noun=Noun("invite", "invites"),
    rules=later_date_rules("responded", "invite"),
)
PROPOSALS = RecordKind(
    Proposal,
    "proposals",
    {
        "id": _ID,
        "date": _DATE,
        "job": _TEXT,
        "connects": FieldRule("integer", parse_connects),
        "status": _choice(PROPOSAL_STATUSES, "a proposal status"),
    },
    key=("id",),
    noun=Noun("proposal", "proposals"),
)
SNAPSHOTS = RecordKind(
    Snapshot,
    "snapshots",
    {"date": _DATE, "jss": FieldRule("integer", parse_jss), "note": _TEXT},
    key=("date",),
    noun=Noun("snapshot", "snapshots"),
    plain=Noun("recorded value", "recorded values"),
)
COUNTED_MARKS = RecordKind(
    CountedMark,
    "counted_marks",
    {"contract": _REFERENCE, "date": _DATE, "counted": _FLAG},
    key=("contract", "date"),
    noun=Noun("counted mark", "counted marks"),
    rules=contract_record_rules,
)
EVENTS = RecordKind(
    Event,
    "events",
    {
        "date": _DATE,
        "kind": _choice(EVENT_KINDS, "an event kind"),
        "until": _DATE,
        "note": _TEXT,
    },
    key=("date", "kind"),
    noun=Noun("event", "events"),
    rules=later_date_rules("until", "event"),
)

# The profile is one record, not a table of them: it has fields and rules, and no key.
PROFILE = RecordKind(
    Profile,
    "profile",
    {"platform": _TEXT, "name": _TEXT, "currency": _TEXT, "joined": _DATE},
    key=(),
    noun=Noun("profile", "profiles"),
)

# Every kind of record, in the order of the file format.
KINDS: tuple[RecordKind, ...] = (
    CLIENTS,
    CONTRACTS,
    PAYMENTS,
    FEEDBACK,
    INVITES,
    PROPOSALS,
    SNAPSHOTS,
    COUNTED_MARKS,
    EVENTS,
)

TABLE_NAMES: tuple[str, ...] = tuple(kind.table for kind in KINDS)

_BY_TYPE: dict[type, RecordKind] = {kind.type: kind for kind in (*KINDS, PROFILE)}
_BY_TABLE: dict[str, RecordKind] = {kind.table: kind for kind in KINDS}


@dataclass(frozen=True, slots=True)
class Reference:
    """A field of one table that holds the id of a record of another: `table.column` names a row
    of `names` (a payment's contract, an invite's client), or nothing when it may be None."""

    table: str
    column: str
    names: str


# What a reference field is named after: the table whose ids it holds.
_NAMED_BY_FIELD = {"client": CLIENTS.table, "contract": CONTRACTS.table}

# Every reference between the log's tables, read from the kinds' fields (their rule "reference").
REFERENCES: tuple[Reference, ...] = tuple(
    Reference(kind.table, name, _NAMED_BY_FIELD[name])
    for kind in KINDS
    for name, rule in kind.fields.items()
    if rule.kind == "reference"
)

# The record tables in the order the Log declares them (the command line lists them so).
LOG_ORDER: tuple[str, ...] = tuple(f.name for f in fields(Log) if f.name in _BY_TABLE)


def kind_of(record: object) -> RecordKind:
    """The kind of `record` (or of a record type).

    Raises:
        KeyError: for anything that is not a record.
    """
    return _BY_TYPE[record if isinstance(record, type) else type(record)]


def kind_named(table: str) -> RecordKind:
    """The kind whose table is `table` (`"invites"`).

    Raises:
        KeyError: for a name that is not a record table.
    """
    return _BY_TABLE[table]
