"""A change to the log: records added and removed, as one undoable step.

The repository writes a Change in one transaction; what-if applies one to a copy in memory with
`apply_to_log`. A replacement is the old record removed plus the new one added.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from itertools import groupby

from tracker.records.kinds import KINDS, kind_of
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

Record = Client | Contract | Payment | Feedback | Invite | Proposal | Snapshot | Event | CountedMark


@dataclass(frozen=True)
class Change:
    """One step of editing: what is removed, what is added, in one transaction."""

    label: str
    added: tuple[Record, ...] = ()
    removed: tuple[Record, ...] = ()
    profile: Profile | None = None
    settings: dict[str, object] | None = None
    applied_refs: tuple[str, ...] = ()
    # (ref, grouping, ISO day) of each statement payment an import applies: see import_groups.
    import_groups: tuple[tuple[str, str, str], ...] = ()

    def is_empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.profile
            or self.settings
            or self.applied_refs
            or self.import_groups
        )


class ChangeError(ValueError):
    """A change that does not fit the log it is applied to (a removed record that is not there)."""


def apply_to_log(log: Log, change: Change) -> Log:
    """The log after `change`, computed in memory; the input is left as it was.

    Raises:
        ChangeError: when a removed record is not in the log.
    """
    tables: dict[str, list[Record]] = {kind.table: list(getattr(log, kind.table)) for kind in KINDS}
    removals: dict[str, Counter[Record]] = {}
    for record in change.removed:
        removals.setdefault(kind_of(record).table, Counter())[record] += 1
    for name, wanted in removals.items():
        kept: list[Record] = []
        remaining = Counter(wanted)
        for record in tables[name]:
            if remaining[record] > 0:
                remaining[record] -= 1
            else:
                kept.append(record)
        missing = [r for r, n in remaining.items() if n > 0]
        if missing:
            raise ChangeError(f"{name}: cannot remove a record that is not there: {missing[0]!r}")
        tables[name] = kept
    # An import adds 100,000 records, a table's together: each run goes in whole.
    for record_type, run in groupby(change.added, key=type):
        tables[kind_of(record_type).table].extend(run)
    settings = dict(log.settings)
    for key, value in (change.settings or {}).items():
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value
    return replace(
        log,
        profile=change.profile or log.profile,
        settings=tuple(sorted(settings.items())),
        **{name: tuple(records) for name, records in tables.items()},  # type: ignore[arg-type]
    )
