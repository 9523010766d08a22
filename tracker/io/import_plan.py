"""Deciding what an import does to the database before anything is written.

The rules of interface.md "Records that are already there": a record already there with the same
content is skipped, with other content it is a conflict (refused whole, or replaced with
`--replace`); payments are matched by their ref, or counted when they have none. The plan is one
`Change`, so the import is all or nothing and one undo takes it back; importing the same file
again plans an empty change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from dataclasses import replace as replace_field
from operator import attrgetter
from typing import Any

from tracker.io.fragment import Fragment
from tracker.io.problems import ChoiceNeeded, InputError
from tracker.records.changes import Change, Record, apply_to_log
from tracker.records.kinds import TABLE_NAMES, kind_named
from tracker.records.model import Contract, Feedback, Log, Payment, Profile
from tracker.records.validation import log_problems, record_key

_SHOWN_IDS = 5


@dataclass(frozen=True)
class ImportSummary:
    """What an import adds, skips and replaces, table by table, in numbers a person can check."""

    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    replaced: dict[str, int] = field(default_factory=dict)
    unknown_keys: int = 0
    conflicts: tuple[str, ...] = ()
    cleared_earned: tuple[str, ...] = ()
    profile_replaced: bool = False
    settings_changed: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """The summary in a few short lines, e.g. `added: 3 contracts, 12 payments`."""
        lines = []
        if self.added:
            lines.append(f"added: {_counts(self.added)}")
        if self.replaced:
            lines.append(f"replaced: {_counts(self.replaced)} ({_ids(self.conflicts)})")
        if self.skipped:
            lines.append(f"skipped, already there: {_counts(self.skipped)}")
        if self.cleared_earned:
            lines.append(
                f"typed earned and last paid cleared on contracts {_ids(self.cleared_earned)}, "
                "whose payments are now listed"
            )
        if self.profile_replaced:
            lines.append("profile taken from the file")
        if self.settings_changed:
            lines.append(f"settings changed: {', '.join(self.settings_changed)}")
        if self.unknown_keys:
            keys = "key" if self.unknown_keys == 1 else "keys"
            lines.append(f"ignored: {self.unknown_keys} unknown {keys}")
        if not (self.added or self.replaced or self.profile_replaced or self.settings_changed):
            lines.insert(0, "nothing new: everything in the file is already there")
        return lines


@dataclass(frozen=True)
class ImportPlan:
    """The one change an import makes, and its summary."""

    change: Change
    summary: ImportSummary


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(kind_named(table).noun.of(number) for table, number in counts.items())


def _ids(ids: Iterable[str]) -> str:
    listed = list(ids)
    shown = ", ".join(listed[:_SHOWN_IDS])
    more = len(listed) - _SHOWN_IDS
    return f"{shown} and {more} more" if more > 0 else shown


def _label(record: Record) -> str:
    """How a conflict names a record: its id, ref, or what identifies it."""
    if isinstance(record, Feedback):
        return f"{record.contract} {record.date} {record.kind}"
    if isinstance(record, Payment):
        return record.ref or f"{record.contract} {record.date} {record.amount}"
    key = record_key(record)
    if isinstance(key, tuple):
        return " ".join(str(part) for part in key)
    return str(key)


def _comparable(record: Record) -> Record:
    """The record with its optional parts in one canonical form, so equal content compares equal."""
    if isinstance(record, Feedback):
        return replace(record, scores=tuple(sorted(record.scores)))
    if isinstance(record, Payment) and not record.ref:
        return replace(record, ref=None)
    return record


def _same(old: Record, new: Record) -> bool:
    return old == new or _comparable(old) == _comparable(new)


class _Planner:
    """Collects what each record of the file does; one instance per `plan_import` call.

    A record that differs is planned as replaced; whether that is allowed is decided after.
    """

    def __init__(self, existing: Log) -> None:
        self.existing = existing
        self.added: list[Record] = []
        self.removed: list[Record] = []
        self.counts: dict[str, Counter[str]] = {
            "added": Counter(),
            "skipped": Counter(),
            "replaced": Counter(),
        }
        self.conflicts: dict[str, list[str]] = {}

    def keyed(self, table: str, records: Iterable[Record], key: Callable[[Any], object]) -> None:
        by_key = {key(old): old for old in getattr(self.existing, table)}
        for record in records:
            old = by_key.get(key(record))
            if old is None:
                self.added.append(record)
                self.counts["added"][table] += 1
            elif _same(old, record):
                self.counts["skipped"][table] += 1
            else:
                self.conflicts.setdefault(table, []).append(_label(record))
                self.removed.append(old)
                self.added.append(record)
                self.counts["replaced"][table] += 1

    def payments(self, records: Iterable[Payment]) -> None:
        with_ref = [p for p in records if p.ref]
        self.keyed("payments", with_ref, lambda p: p.ref or None)
        already = Counter(_comparable(p) for p in self.existing.payments if not p.ref)
        for payment in records:
            if payment.ref:
                continue
            plain = _comparable(payment)
            if already[plain] > 0:
                already[plain] -= 1
                self.counts["skipped"]["payments"] += 1
            else:
                self.added.append(payment)
                self.counts["added"]["payments"] += 1


class ImportConflict(InputError):
    """Records of the file that differ from the database's: refused whole unless replaced.

    `differences` are the parts of the sentence, each saying what differs ("contracts k-1 differ
    from the database"), for a reader that words the way out its own way.
    """

    def __init__(self, differences: tuple[str, ...]) -> None:
        super().__init__("conflict", "; ".join(differences) + "; use --replace to replace them")
        self.differences = differences


class OtherProfile(ChoiceNeeded):
    """A file whose profile is another person's: imported only when the user says so."""


def plan_import(
    existing: Log,
    fragment: Fragment,
    *,
    replace: bool,
    label: str = "import",
    other_profile: bool = False,
) -> ImportPlan:
    """The change that brings `fragment` into `existing`, by the rules for records already there.

    Args:
        existing: the database's log now.
        fragment: the checked records of the file (`parse_repute_json`, a spreadsheet).
        replace: replace records that differ instead of refusing the import (`--replace`).
        label: the change's label, shown by undo.
        other_profile: import a file whose profile names another person (`--other-profile`);
            the log keeps its own profile then.

    Raises:
        OtherProfile: the file's profile names someone else and `other_profile` is not given.
        InputError: on a conflict without `replace` (naming the records), or when the merged log
            would break a rule between records (a contract with typed earned and listed payments).
    """
    asked = (replace, label, other_profile)
    last = _last_plan.get("plan")
    if (
        last is not None
        and last[1] is fragment
        and last[2] == asked
        and (last[0] is existing or last[0] == existing)
    ):
        return last[3]
    plan = _plan(existing, fragment, replace, label, other_profile)
    _last_plan["plan"] = (existing, fragment, asked, plan)
    return plan


# The last plan made: an import into a new database plans the file on the empty log, then again
# inside the write on the same empty log; plans are immutable and a function of their arguments.
_last_plan: dict[str, tuple[Log, Fragment, tuple[object, ...], ImportPlan]] = {}


def _plan(
    existing: Log, fragment: Fragment, replace: bool, label: str, other_profile: bool
) -> ImportPlan:
    incoming = fragment.profile
    if incoming is not None and _someone_else(existing.profile, incoming):
        if not other_profile:
            raise OtherProfile(
                "profile",
                f"this file is {incoming.name}'s log and yours is {existing.profile.name}'s",
                "import it with --other-profile if you mean to add their records to your log",
            )
        incoming = None  # their records come in; the log stays this person's
    fragment = replace_field(fragment, profile=incoming)
    planner = _Planner(existing)
    for table in TABLE_NAMES:
        records = getattr(fragment, table)
        if table == "payments":
            planner.payments(records)
        else:
            planner.keyed(table, records, _key_of(table))
    cleared = _clear_typed_earned(planner, existing, fragment)
    profile = _profile_change(existing.profile, fragment.profile)
    problems = _conflict_parts(
        planner.conflicts, cleared, _profile_conflicts(existing.profile, fragment.profile)
    )
    if problems and not replace:
        raise ImportConflict(tuple(problems))
    settings = _settings_change(existing, fragment.settings)
    change = Change(
        label=label,
        added=tuple(planner.added),
        removed=tuple(planner.removed),
        profile=profile,
        settings=settings,
    )
    _check_merged(existing, change)
    summary = ImportSummary(
        added=_in_table_order(planner.counts["added"]),
        skipped=_in_table_order(planner.counts["skipped"]),
        replaced=_in_table_order(planner.counts["replaced"]),
        unknown_keys=fragment.unknown_keys,
        conflicts=tuple(f"{table} {ids}" for table, ids in _conflict_lists(planner.conflicts)),
        cleared_earned=tuple(cleared),
        profile_replaced=profile is not None,
        settings_changed=tuple(sorted(settings or {})),
    )
    return ImportPlan(change=change, summary=summary)


def _key_of(table: str) -> Callable[[Record], object]:
    """`record_key` for the records of `table`: one attribute or a tuple of them read in C when
    every record has its key (all but payments), for 100,000 invites and their twins."""
    kind = kind_named(table)
    return attrgetter(*kind.key) if kind.always_keyed else record_key


def _clear_typed_earned(planner: _Planner, existing: Log, fragment: Fragment) -> list[str]:
    """Contracts of the database with a typed earned that the file adds payments to.

    Under `--replace` each is replaced by a copy without earned and last_paid (its payments are
    listed from now on); otherwise they are conflicts.
    """
    from_file = {contract.id for contract in fragment.contracts}
    paid = {r.contract for r in planner.added if isinstance(r, Payment)}
    cleared = []
    for contract in existing.contracts:
        if contract.id not in paid or contract.id in from_file:
            continue
        if contract.earned is None and contract.last_paid is None:
            continue
        cleared.append(contract.id)
        planner.removed.append(contract)
        planner.added.append(_without_typed_earned(contract))
    return sorted(cleared)


def _without_typed_earned(contract: Contract) -> Contract:
    return replace(contract, earned=None, last_paid=None)


def _someone_else(current: Profile, incoming: Profile) -> bool:
    """Two profiles that both name a person, and not the same one."""
    return bool(current.name.strip() and incoming.name.strip()) and (
        " ".join(current.name.casefold().split()) != " ".join(incoming.name.casefold().split())
    )


def _profile_change(current: Profile, incoming: Profile | None) -> Profile | None:
    """The profile to write, or None; a blank profile (a new database) takes the file's."""
    if incoming is None or incoming == current:
        return None
    return incoming


def _profile_conflicts(current: Profile, incoming: Profile | None) -> bool:
    return incoming is not None and incoming != current and current != Profile()


def _conflict_lists(conflicts: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(table, _ids(conflicts[table])) for table in TABLE_NAMES if table in conflicts]


def _conflict_parts(
    conflicts: dict[str, list[str]], cleared: list[str], profile_changes: bool
) -> list[str]:
    parts = []
    listed = _conflict_lists(conflicts)
    if listed:
        parts.append(
            " and ".join(f"{table} {ids}" for table, ids in listed) + " differ from the database"
        )
    if cleared:
        parts.append(
            f"contracts {_ids(cleared)} have a typed earned amount and the file adds payments to "
            "them (replacing clears earned and last_paid)"
        )
    if profile_changes:
        parts.append("the profile differs from the database")
    return parts


def _settings_change(existing: Log, incoming: dict[str, object] | None) -> dict[str, object] | None:
    if not incoming:
        return None
    current = dict(existing.settings)
    changed = {
        key: value
        for key, value in incoming.items()
        if (value is None and key in current) or (value is not None and current.get(key) != value)
    }
    return changed or None


def _in_table_order(counts: Counter[str]) -> dict[str, int]:
    return {table: counts[table] for table in TABLE_NAMES if counts[table]}


def _check_merged(existing: Log, change: Change) -> None:
    """Refuse a change whose result breaks a rule between records (checked where it touches)."""
    if change.is_empty():
        return
    touched = {r.id for r in change.added if isinstance(r, Contract)}
    touched.update(r.contract for r in change.added if isinstance(r, (Payment, Feedback)))
    if not touched:
        return
    problems = log_problems(apply_to_log(existing, change), contracts=touched)
    if problems:
        raise InputError("", f"after the import, {problems[0]}")
