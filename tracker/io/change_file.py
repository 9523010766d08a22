"""The what-if change file: records to add, records to replace, ids to remove, as one Change.

`{"add": FRAGMENT, "replace": FRAGMENT, "remove": {"contracts": [...], "clients": [...],
"invites": [...], "proposals": [...]}}`, each part optional. Fragments are checked like an import
(references may point into the database or into the change); `add` may not reuse what is there,
`replace` must. Removing a contract takes its payments, feedback and counted marks with it;
removing a client takes its contracts (with theirs) and clears it from the invites that name it:
the rule of tracker.records.removal, asked to take a client's records along.
"""

from __future__ import annotations

from collections.abc import Mapping

from tracker.io.fragment import Fragment, IdentityCheck, raw_context, read_fragment
from tracker.io.json_format import decode_json
from tracker.io.problems import InputError
from tracker.records.changes import Change, Record, apply_to_log
from tracker.records.field_values import describe
from tracker.records.kinds import TABLE_NAMES, kind_named
from tracker.records.model import (
    Contract,
    Feedback,
    Log,
    Payment,
)
from tracker.records.removal import removal
from tracker.records.validation import log_problems, record_key

PARTS = ("add", "replace", "remove", "steps")  # steps: read by tracker.usecases.whatif_file
REMOVABLE = ("contracts", "clients", "invites", "proposals")
LABEL = "what-if"


def parse_change_file(data: bytes, existing: Log) -> Change:
    """The change a what-if file describes, checked against the database it would apply to.

    Raises:
        InputError: at the first bad value, with its path (`add.contracts[0].started: ...`).
    """
    return parse_change_document(decode_json(data), existing)


def parse_change_document(document: object, existing: Log) -> Change:
    """The change of a decoded change file's `add`, `replace` and `remove` (its `steps` are
    tracker.usecases.whatif_file's, applied after this change).

    Raises:
        InputError: as `parse_change_file`.
    """
    if not isinstance(document, dict):
        raise InputError(
            "", f"the file holds {describe(document)}, not a change (an object with {_parts()})"
        )
    for key in document:
        if key not in PARTS:
            raise InputError(key, f"is not a part of a change file ({_parts()})")
    removal = _Removal(existing, document.get("remove"))
    fragments: dict[str, Fragment] = {}
    for key, value in document.items():
        if key == "remove":
            removal.check()
        elif key != "steps" and value is not None:
            fragments[key] = _read_part(key, value, document, existing, removal)
    return _change(existing, removal, fragments.get("add"), fragments.get("replace"))


def _parts() -> str:
    return ", ".join(PARTS)


class _Removal:
    """The ids to remove and everything that goes with them."""

    def __init__(self, existing: Log, raw: object) -> None:
        self.existing = existing
        self.raw = raw
        self.ids: dict[str, set[str]] = {table: set() for table in REMOVABLE}
        if isinstance(raw, dict):
            for table in REMOVABLE:
                items = raw.get(table)
                if isinstance(items, list):
                    self.ids[table] = {item for item in items if isinstance(item, str)}
        chosen: list[Record] = [
            record
            for table in REMOVABLE
            for record in getattr(existing, table)
            if record.id in self.ids[table]
        ]
        # The one rule for removing (tracker.records.removal), asked to take a client's
        # contracts along: "what if I had never worked for them".
        self.removal = removal(chosen, existing, with_clients_records=True)
        self.contracts = self.removal.contracts
        self.gone = set(self.removal.records)

    def check(self) -> None:
        """Refuse a remove part that is not an object of lists of ids in the database."""
        if self.raw is None:
            return
        if not isinstance(self.raw, dict):
            raise InputError("remove", f"{describe(self.raw)} is not an object of id lists")
        for table, items in self.raw.items():
            path = f"remove.{table}"
            if table not in REMOVABLE:
                raise InputError(path, f"is not a table removal accepts ({', '.join(REMOVABLE)})")
            if items is None:
                continue
            if not isinstance(items, list):
                raise InputError(path, f"{describe(items)} is not a list of ids")
            known = {r.id for r in getattr(self.existing, table)}
            what = kind_named(table).noun.one
            for index, item in enumerate(items):
                if not isinstance(item, str) or item not in known:
                    raise InputError(
                        f"{path}[{index}]", f"no {what} in the database has the id {describe(item)}"
                    )

    def records(self) -> list[Record]:
        """The database's records this removal takes away."""
        return list(self.removal.records)

    def removes(self, record: Record) -> bool:
        """Whether `record` (of the database) goes with this removal."""
        return record in self.gone


def _read_part(
    part: str, raw: object, document: Mapping[str, object], existing: Log, removal: _Removal
) -> Fragment:
    if not isinstance(raw, dict):
        raise InputError(part, f"{describe(raw)} is not an object with the lists of a Repute file")
    fragments = [
        value
        for key, value in document.items()
        if key in ("add", "replace") and isinstance(value, dict)
    ]
    kept = [c for c in existing.contracts if c.id not in removal.contracts]
    context = raw_context(
        fragments,
        clients=(c.id for c in existing.clients if c.id not in removal.ids["clients"]),
        contract_starts={c.id: c.started for c in kept},
        contracts_with_payments=(
            p.contract for p in existing.payments if p.contract not in removal.contracts
        ),
        contracts_with_earned=(
            c.id for c in kept if c.earned is not None or c.last_paid is not None
        ),
    )
    checks = {table: _identity_check(part, table, existing, removal) for table in TABLE_NAMES}
    return read_fragment(raw, context, prefix=f"{part}.", identity_checks=checks)


def _identity_check(part: str, table: str, existing: Log, removal: _Removal) -> IdentityCheck:
    present = {record_key(r): r for r in getattr(existing, table) if not removal.removes(r)}

    def check(record: Record) -> str | None:
        key = record_key(record)
        if part == "add":
            if key is not None and key in present:
                return (
                    f"{_named(record)} is already in the database; "
                    "put it under replace to change it"
                )
            return None
        if key is None:
            return "a payment under replace needs the ref of the payment it replaces"
        if key not in present:
            return f"{_named(record)} is not in the database (or is removed); put it under add"
        return None

    return check


def _named(record: Record) -> str:
    key = record_key(record)
    if isinstance(record, Feedback):
        return f"{record.kind} feedback for contract {describe(record.contract)} on {record.date}"
    if isinstance(key, tuple):
        return " ".join(str(part) for part in key)
    return describe(str(key))


def _change(
    existing: Log, removal: _Removal, add: Fragment | None, replace: Fragment | None
) -> Change:
    removed = removal.records()
    added: list[Record] = []
    settings: dict[str, object] = {}
    profile = None
    for fragment in (add, replace):
        if fragment is None:
            continue
        added.extend(fragment.records())
        settings.update(fragment.settings or {})
        profile = fragment.profile or profile
    if replace is not None:
        replaced_keys = {(type(r), record_key(r)) for r in replace.records()}
        removed += [
            old
            for table in TABLE_NAMES
            for old in getattr(existing, table)
            if (type(old), record_key(old)) in replaced_keys and not removal.removes(old)
        ]
    replaced_invites = {r.id for r in (replace.invites if replace else ())}
    for invite, unnamed in removal.removal.unnamed:
        if invite.id not in replaced_invites:
            removed.append(invite)
            added.append(unnamed)
    change = Change(
        label=LABEL,
        added=tuple(added),
        removed=tuple(removed),
        profile=profile,
        settings=settings or None,
    )
    _check_merged(existing, change)
    return change


def _check_merged(existing: Log, change: Change) -> None:
    touched: set[str] = set()
    for record in (*change.added, *change.removed):
        if isinstance(record, Contract):
            touched.add(record.id)
        elif isinstance(record, (Payment, Feedback)):
            touched.add(record.contract)
    merged = apply_to_log(existing, change)
    problems = log_problems(merged, contracts=touched)
    if problems:
        raise InputError("", f"after the change, {problems[0]}")
