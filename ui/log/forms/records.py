"""The form of each record type: which fields, in which order, and how they make the record.

Each `*_form(log, original, defaults)` returns a FormSpec; `original` is the record to edit, or
None for a new one whose fields start from `defaults` (a contract picked on its panel, today).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from typing import Any

from tracker.records.changes import Record
from tracker.records.kinds import kind_of
from tracker.records.model import (
    CLOSED_BY,
    CONTRACT_KINDS,
    END_REASONS,
    EVENT_KINDS,
    FEEDBACK_KINDS,
    INVITE_STATUSES,
    PROPOSAL_STATUSES,
    SUB_SCORES,
    ZERO,
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
from ui.log.formatting import words
from ui.log.forms.fields import DateField, Field, MoneyField, NotesField, TextField
from ui.log.forms.pickers import CheckField, ChoiceField, RatingField, ReferenceField, WholeField
from ui.log.forms.spec import Draft, FormSpec, Section

KIND_WORDS = {"hourly": "hourly", "fixed": "fixed price"}
FEEDBACK_KIND_WORDS = {"final": "final (at the end)", "interim": "interim (mid-contract, 90 days)"}


def next_id(prefix: str, taken: Iterable[str]) -> str:
    """The next free id of the form `prefix-N`, after the highest N in use."""
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    numbers = [int(m.group(1)) for m in map(pattern.match, taken) if m]
    return f"{prefix}-{max(numbers, default=0) + 1}"


def slug(name: str) -> str:
    """An id made from a name ("Acme Ltd" -> "acme-ltd")."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "client"


def _choices(
    values: Iterable[str], optional: bool = False, names: Mapping[str, str] | None = None
) -> list[tuple[object, str]]:
    listed: list[tuple[object, str]] = [(None, "—")] if optional else []
    return listed + [(value, (names or {}).get(value, words(value))) for value in values]


def _start(rows: list[Field | Section], values: Mapping[str, Any]) -> None:
    for row in rows:
        if isinstance(row, Field) and row.key in values:
            row.write(values[row.key])


def _values_of(record: Record | None) -> dict[str, Any]:
    if record is None:
        return {}
    values = {f.name: getattr(record, f.name) for f in dataclass_fields(record)}
    if isinstance(record, Feedback):
        values.update({f"scores.{name}": value for name, value in record.scores})
    return values


def _made(kind: type, values: Mapping[str, Any], original: Record | None, **worked_out: Any) -> Any:
    """The record a form's values make: every field of the kind the form holds a value for (or
    works out), and any other field as the edited record has it, or at its default."""
    own = {name: values[name] for name in kind_of(kind).fields if name in values}
    own.update(worked_out)
    return replace(original, **own) if original is not None else kind(**own)


def _spec(
    kind: type,
    rows: list[Field | Section],
    build: Any,
    log: Log,
    original: Record | None,
    defaults: Mapping[str, Any] | None,
    fixed: tuple[str, ...] = (),
    wire: Any = None,
) -> FormSpec:
    _start(rows, {**(defaults or {}), **_values_of(original)})
    noun = kind_of(kind).said.one
    return FormSpec(noun, rows, build, log, original, fixed if original is not None else (), wire)


def client_options(log: Log) -> list[tuple[str, str]]:
    return sorted(
        ((c.id, c.name) for c in log.clients), key=lambda pair: (pair[1] or pair[0]).casefold()
    )


def contract_options(log: Log) -> list[tuple[str, str]]:
    newest_first = sorted(log.contracts, key=lambda c: (c.started, c.id), reverse=True)
    return [(c.id, c.title) for c in newest_first]


def _client_of(typed: str, log: Log) -> tuple[str, tuple[Record, ...], str]:
    """The client id for what was typed, and a new Client when it names none yet."""
    by_id = log.client_by_id()
    if typed in by_id:
        return typed, (), ""
    for client in log.clients:
        if client.name.casefold() == typed.casefold():
            return client.id, (), ""
    new_id = slug(typed)
    if new_id in by_id:
        new_id = next_id(new_id, by_id)
    return new_id, (Client(id=new_id, name=typed),), f"a new client '{typed}' will be added"


def contract_form(
    log: Log, original: Contract | None = None, defaults: Mapping[str, Any] | None = None
) -> FormSpec:
    rows: list[Field | Section] = [
        TextField("title", "Title", placeholder="what the job was"),
        ReferenceField(
            "client", "Client", client_options(log), hint="pick one, or type a new client's name"
        ),
        ChoiceField("kind", "Kind", _choices(CONTRACT_KINDS, names=KIND_WORDS)),
        DateField("started", "Started", required=True),
        DateField("ended", "Ended", hint="empty while the contract is open"),
        TextField("category", "Category", placeholder="e.g. Design & Creative"),
        TextField("id", "Id", required=True, hint="how payments and feedback refer to it"),
        Section("How it ended"),
        ChoiceField("closed_by", "Closed by", _choices(CLOSED_BY, optional=True)),
        ChoiceField("end_reason", "Reason", _choices(END_REASONS, optional=True)),
        CheckField("disputed", "the contract went to a dispute"),
        MoneyField("refunded", "Refunded", empty=ZERO, hint="money given back to the client"),
        Section("Earnings typed in"),
        MoneyField("earned", "Earned", hint="only for a contract whose payments are not listed"),
        DateField("last_paid", "Last paid", hint="the day of its last payment"),
        Section("Notes"),
        NotesField("notes", ""),
    ]
    start = {
        "id": next_id("k", (c.id for c in log.contracts)),
        "kind": "hourly",
        **(defaults or {}),
    }

    def build(values: dict[str, Any]) -> Draft:
        client_id, extras, note = _client_of(values["client"], log)
        return Draft(_made(Contract, values, original, client=client_id), extras, note)

    return _spec(Contract, rows, build, log, original, start, fixed=("id",))


def payment_form(
    log: Log, original: Payment | None = None, defaults: Mapping[str, Any] | None = None
) -> FormSpec:
    rows: list[Field | Section] = [
        ReferenceField("contract", "Contract", contract_options(log)),
        DateField("date", "Date", required=True),
        MoneyField("amount", "Amount", required=True, positive=True, hint="gross, before fees"),
        TextField("ref", "Reference", empty=None, placeholder="the marketplace's transaction id"),
    ]

    def build(values: dict[str, Any]) -> Draft:
        return Draft(_made(Payment, values, original))

    return _spec(Payment, rows, build, log, original, defaults)


def feedback_form(
    log: Log, original: Feedback | None = None, defaults: Mapping[str, Any] | None = None
) -> FormSpec:
    rows: list[Field | Section] = [
        ReferenceField("contract", "Contract", contract_options(log)),
        DateField("date", "Date", required=True),
        ChoiceField("kind", "Kind", _choices(FEEDBACK_KINDS, names=FEEDBACK_KIND_WORDS)),
        RatingField("stars", "Stars", hint="the public rating, 1 to 5"),
        WholeField(
            "private", "Private score", 0, 10, optional=True, hint="0 to 10, as the client answered"
        ),
        CheckField("private_is_guess", "the private score is my guess"),
        Section("Sub-scores (public, 1 to 5)"),
        *[RatingField(f"scores.{name}", name.capitalize()) for name in SUB_SCORES],
        Section("Comment"),
        NotesField("comment", ""),
    ]

    def build(values: dict[str, Any]) -> Draft:
        scores = tuple(
            sorted(
                (name, values[f"scores.{name}"])
                for name in SUB_SCORES
                if values[f"scores.{name}"] is not None
            )
        )
        guess = values["private_is_guess"] and values["private"] is not None
        return Draft(_made(Feedback, values, original, private_is_guess=guess, scores=scores))

    return _spec(Feedback, rows, build, log, original, {"kind": "final", **(defaults or {})})


def invite_form(
    log: Log, original: Invite | None = None, defaults: Mapping[str, Any] | None = None
) -> FormSpec:
    rows: list[Field | Section] = [
        DateField("date", "Date", required=True),
        TextField("job", "Job", placeholder="the job's title"),
        ReferenceField("client", "Client", client_options(log), required=False),
        MoneyField("rate", "Rate", hint="the rate or budget offered, if any"),
        ChoiceField("status", "Status", _choices(INVITE_STATUSES)),
        DateField("responded", "Answered", hint="the day you answered, if you did"),
        TextField("id", "Id", required=True),
    ]
    start = {
        "id": next_id("i", (i.id for i in log.invites)),
        "status": "pending",
        **(defaults or {}),
    }

    def build(values: dict[str, Any]) -> Draft:
        return Draft(_made(Invite, values, original))

    return _spec(Invite, rows, build, log, original, start, fixed=("id",))


def proposal_form(
    log: Log, original: Proposal | None = None, defaults: Mapping[str, Any] | None = None
) -> FormSpec:
    rows: list[Field | Section] = [
        DateField("date", "Date", required=True),
        TextField("job", "Job", placeholder="the job's title"),
        WholeField("connects", "Connects", 0, 1000, optional=True),
        ChoiceField("status", "Status", _choices(PROPOSAL_STATUSES)),
        TextField("id", "Id", required=True),
    ]
    start = {
        "id": next_id("p", (p.id for p in log.proposals)),
        "status": "sent",
        **(defaults or {}),
    }

    def build(values: dict[str, Any]) -> Draft:
        return Draft(_made(Proposal, values, original))

    return _spec(Proposal, rows, build, log, original, start, fixed=("id",))


def snapshot_form(
    log: Log, original: Snapshot | None = None, defaults: Mapping[str, Any] | None = None
) -> FormSpec:
    rows: list[Field | Section] = [
        DateField("date", "Date", required=True),
        WholeField(
            "jss",
            "Job Success",
            0,
            100,
            suffix=" %",
            hint="as the marketplace showed it that day",
            required=True,
        ),
        TextField("note", "Note"),
    ]

    def build(values: dict[str, Any]) -> Draft:
        return Draft(_made(Snapshot, values, original))

    return _spec(Snapshot, rows, build, log, original, defaults)


LISTED_AS = [(True, "counting"), (False, "not counting")]


def counted_mark_form(
    log: Log, original: CountedMark | None = None, defaults: Mapping[str, Any] | None = None
) -> FormSpec:
    """What the marketplace's Job Success insights page listed for a contract on a day."""
    rows: list[Field | Section] = [
        ReferenceField("contract", "Contract", contract_options(log)),
        ChoiceField(
            "counted",
            "The marketplace lists it as",
            LISTED_AS,
            hint="as its Job Success insights page lists the jobs that count toward the score",
        ),
        DateField("date", "On", required=True),
    ]

    def build(values: dict[str, Any]) -> Draft:
        return Draft(_made(CountedMark, values, original))

    start = {"counted": True, **(defaults or {})}
    return _spec(CountedMark, rows, build, log, original, start)


def event_form(
    log: Log, original: Event | None = None, defaults: Mapping[str, Any] | None = None
) -> FormSpec:
    rows: list[Field | Section] = [
        DateField("date", "Date", required=True),
        ChoiceField("kind", "Kind", _choices(EVENT_KINDS)),
        DateField("until", "Until", hint="for a hold: the day it was lifted; empty while it lasts"),
        TextField("note", "Note"),
    ]

    def build(values: dict[str, Any]) -> Draft:
        return Draft(_made(Event, values, original))

    return _spec(Event, rows, build, log, original, {"kind": "note", **(defaults or {})})


def client_form(
    log: Log, original: Client | None = None, defaults: Mapping[str, Any] | None = None
) -> FormSpec:
    rows: list[Field | Section] = [
        TextField("name", "Name", required=True),
        TextField("id", "Id", required=True, hint="how contracts and invites refer to it"),
        TextField("country", "Country", placeholder="e.g. US"),
        CheckField("flagged", "flagged or suspended by the marketplace"),
    ]

    def build(values: dict[str, Any]) -> Draft:
        return Draft(_made(Client, values, original))

    def wire(by_key: dict[str, Field]) -> None:
        name, record_id = by_key["name"], by_key["id"]
        if (
            not isinstance(name, TextField)
            or not isinstance(record_id, TextField)
            or original is not None
        ):
            return
        taken = {c.id for c in log.clients}

        def follow_name() -> None:
            if record_id.edit.isModified():
                return
            wanted = slug(name.edit.text())
            record_id.edit.setText(next_id(wanted, taken) if wanted in taken else wanted)

        name.edit.textEdited.connect(follow_name)

    return _spec(Client, rows, build, log, original, defaults, fixed=("id",), wire=wire)


FormMaker = Callable[[Log, Any, Mapping[str, Any] | None], FormSpec]

FORMS: dict[type, FormMaker] = {
    Contract: contract_form,
    Payment: payment_form,
    Feedback: feedback_form,
    Invite: invite_form,
    Proposal: proposal_form,
    Snapshot: snapshot_form,
    CountedMark: counted_mark_form,
    Event: event_form,
    Client: client_form,
}
