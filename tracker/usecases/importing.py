"""Importing, once for the command line and the window: plan a file into an ImportPlan, write it.

The plan says what the import adds (`summary`), what it holds back until the user replaces
(`held_back`), what only the user can finish (`needs_you`), and what differs from the log so that
nothing is written without `replace` (`conflict`). A file that cannot be read, or one that asks a
question (its date order, whose work, another person's log), still raises its InputError.

Writing is `import_into` (the command line: planned again inside the write when another writer
got first) or `write_previewed` (the window: the change the user saw, refused when the log moved);
both back the database up first, through the store, before anything is written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.io.fragment import Fragment
from tracker.io.import_file import (
    AUTO,
    REPUTE_JSON,
    UPWORK_CSV,
    UPWORK_SUMMARY,
    UPWORK_WORK_HISTORY,
    FilePlan,
    ImportOptions,
    plan_file_import,
)
from tracker.io.import_plan import ImportConflict, plan_import
from tracker.io.plan_edits import RegroupError, regrouped
from tracker.io.summary_lines import NEW_CONTRACTS, OPEN_CONTRACTS, HeldBack, SummaryLine
from tracker.io.upwork.import_words import ContractPlan
from tracker.records.changes import Change, apply_to_log
from tracker.records.model import Client, Contract, Log, Payment
from tracker.store.backups import BackupSource, backup_before_import

if TYPE_CHECKING:
    from tracker.store.repository import Repository

SPREADSHEET = "spreadsheet"  # a mapped CSV's records (the window's spreadsheet import)
STATEMENTS = (UPWORK_CSV, UPWORK_SUMMARY)  # payments grouped into contracts the plan lists

__all__ = [
    "AUTO",
    "REPUTE_JSON",
    "SPREADSHEET",
    "STATEMENTS",
    "UPWORK_CSV",
    "UPWORK_SUMMARY",
    "UPWORK_WORK_HISTORY",
    "Conflict",
    "ContractPlan",
    "HeldBack",
    "ImportOptions",
    "ImportPlan",
    "SummaryLine",
    "import_into",
    "plan_file",
    "plan_records",
    "write_previewed",
]


@dataclass(frozen=True)
class Conflict:
    """Records that differ from the log's: the import is refused whole unless it replaces them.

    `differences` each say what differs ("contracts k-1 differ from the database").
    """

    differences: tuple[str, ...]


@dataclass(frozen=True)
class ImportPlan:
    """What importing one file (or a spreadsheet's records) would do; nothing is written.

    `summary` is what the importer says, in its order (the command line prints it whole);
    `contracts` are a statement's contracts made or extended, as regrouped; `dry_run` is what
    `import --dry-run` prints. When `conflict` is set the change is empty.
    """

    name: str
    kind: str
    change: Change
    planned_on: Log
    options: ImportOptions = field(default_factory=ImportOptions)
    summary: tuple[SummaryLine, ...] = ()
    dry_run: tuple[str, ...] = ()
    needs_you: tuple[str, ...] = ()
    held_back: tuple[HeldBack, ...] = ()
    conflict: Conflict | None = None
    contracts: tuple[ContractPlan, ...] = ()
    regroup_error: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.change.is_empty()

    @property
    def done(self) -> tuple[SummaryLine, ...]:
        """The summary without what needs the user, and (for a statement, whose contracts are
        listed apart) without the list of new contracts."""
        listed_apart = self.kind in STATEMENTS
        return tuple(
            line
            for line in self.summary
            if not line.needs_you and not (listed_apart and line.role == NEW_CONTRACTS)
        )


def label_of(name: str) -> str:
    """The change's label, which undo shows: `import history.csv`."""
    return f"import {name}"


def plan_file(
    name: str,
    data: bytes,
    log: Log,
    applied_refs: Set[str],
    options: ImportOptions,
    remembered: Iterable[tuple[str, str, str]] = (),
) -> ImportPlan:
    """The plan of importing the file `name` with bytes `data` into `log` (its kind found by
    its content). `remembered` is how earlier imports grouped a statement's payments.

    Raises:
        InputError: a bad file, or a question the user must answer (DateOrderNeeded,
            FreelancerChoiceNeeded, OtherProfile).
    """
    options = dataclasses.replace(options, label=label_of(name))
    try:
        made = plan_file_import(data, log, applied_refs, options, remembered)
    except ImportConflict as error:
        kind = options.format if options.format != AUTO else REPUTE_JSON
        return _refused(name, kind, log, options, error)
    plan = _from_file_plan(name, made, log, options)
    return _regrouped(plan, made) if options.regroupings else plan


def plan_records(name: str, fragment: Fragment, log: Log, options: ImportOptions) -> ImportPlan:
    """The plan of importing a mapped spreadsheet's checked records into `log`."""
    options = dataclasses.replace(options, label=label_of(name))
    try:
        made = plan_import(log, fragment, replace=options.replace, label=options.label)
    except ImportConflict as error:
        return _refused(name, SPREADSHEET, log, options, error)
    return ImportPlan(
        name=name,
        kind=SPREADSHEET,
        change=made.change,
        planned_on=log,
        options=options,
        summary=tuple(SummaryLine(line) for line in made.summary.lines()),
        needs_you=tuple(needs_you_after(log, made.change)),
    )


def _refused(
    name: str, kind: str, log: Log, options: ImportOptions, error: ImportConflict
) -> ImportPlan:
    return ImportPlan(
        name=name,
        kind=kind,
        change=Change(label=options.label),
        planned_on=log,
        options=options,
        conflict=Conflict(error.differences),
    )


def _from_file_plan(name: str, made: FilePlan, log: Log, options: ImportOptions) -> ImportPlan:
    summary = made.summary
    needs = tuple(line.text for line in summary if line.needs_you)
    if made.format not in STATEMENTS:  # a statement says itself what its contracts need
        needs += tuple(needs_you_after(log, made.change))
    upwork = made.upwork
    return ImportPlan(
        name=name,
        kind=made.format,
        change=made.change,
        planned_on=log,
        options=options,
        summary=summary,
        dry_run=made.plan_lines,
        needs_you=needs,
        held_back=upwork.held_back if upwork is not None else (),
        contracts=contract_plans(made.change, upwork.contracts, log) if upwork is not None else (),
    )


def _regrouped(plan: ImportPlan, made: FilePlan) -> ImportPlan:
    """The plan with the user's merges and splits of its new contracts; one that does not fit
    is dropped (the last given) and said in `regroup_error`."""
    known = {c.id for c in plan.planned_on.contracts}
    edits = plan.options.regroupings
    error = None
    try:
        change = regrouped(plan.change, edits, known)
    except RegroupError as refused:
        error = _sentence(str(refused))
        edits = edits[:-1]
        change = regrouped(plan.change, edits, known)
    log = plan.planned_on
    # The statement's own count of open contracts is from before the merge or split.
    needs = tuple(
        line.text for line in plan.summary if line.needs_you and line.role != OPEN_CONTRACTS
    ) + tuple(needs_you_after(log, change))
    plans = made.upwork.contracts if made.upwork is not None else ()
    return dataclasses.replace(
        plan,
        change=change,
        options=dataclasses.replace(plan.options, regroupings=edits),
        needs_you=needs,
        contracts=contract_plans(change, plans, log),
        regroup_error=error,
    )


def contract_plans(
    change: Change, plans: tuple[ContractPlan, ...], log: Log
) -> tuple[ContractPlan, ...]:
    """The contracts a statement's change makes or extends, with their payments and the rule
    that grouped them (read from the change itself, so a merge or split shows as it is)."""
    rules = {plan.contract.id: plan.rule for plan in plans}
    names = {c.id: c.name for c in log.clients}
    names.update({r.id: r.name for r in change.added if isinstance(r, Client)})
    known = {c.id for c in log.contracts}
    by_contract: dict[str, list[Payment]] = {}
    for record in change.added:
        if isinstance(record, Payment):
            by_contract.setdefault(record.contract, []).append(record)
    contracts = {r.id: r for r in change.added if isinstance(r, Contract)}
    contracts.update(
        {c.id: c for c in log.contracts if c.id in by_contract and c.id not in contracts}
    )
    made = []
    for contract in contracts.values():
        paid = tuple(sorted(by_contract.get(contract.id, ()), key=lambda p: (p.date, p.ref or "")))
        if not paid and contract.id in known:
            continue
        made.append(
            ContractPlan(
                contract=contract,
                client_name=names.get(contract.client, contract.client),
                made=contract.id not in known,
                rule=rules.get(contract.id, "as you merged or split it"),
                payments=paid,
            )
        )
    made.sort(
        key=lambda p: (not p.made, p.payments[0].date if p.payments else date.max, p.contract.id)
    )
    return tuple(made)


def needs_you_after(log: Log, change: Change) -> list[str]:
    """New contracts of `change` without an end date or feedback once it is on `log`, one
    sentence each, without "Needs you:" in front (a statement says this itself; a JSON file, a
    work history or a spreadsheet does not)."""
    last = _last_needs.get("needs")
    if last is not None and last[1] is change and (last[0] is log or last[0] == log):
        return list(last[2])
    lines = _needs_you_after(log, change)
    _last_needs["needs"] = (log, change, tuple(lines))
    return lines


# The last answer: an import into a new database plans on the empty log, then again inside the
# write, where plan_import gives back the same change (tracker.io.import_plan keeps its last plan).
_last_needs: dict[str, tuple[Log, Change, tuple[str, ...]]] = {}


def _needs_you_after(log: Log, change: Change) -> list[str]:
    after = apply_to_log(log, change) if not change.is_empty() else log
    old = {c.id for c in change.removed if isinstance(c, Contract)}
    added = [r for r in change.added if isinstance(r, Contract) and r.id not in old]
    rated = {f.contract for f in after.feedback}
    open_ones = [c for c in added if c.ended is None]
    unrated = [c for c in added if c.ended is not None and c.id not in rated]
    lines = []
    if open_ones:
        lines.append(
            f"{_count(len(open_ones), 'new contract is', 'new contracts are')} open "
            f"({_titles(open_ones)}); when {'it' if len(open_ones) == 1 else 'each'} ends, add "
            "its end date and feedback."
        )
    if unrated:
        lines.append(
            f"{_count(len(unrated), 'new contract has', 'new contracts have')} ended "
            f"without feedback ({_titles(unrated)}); add it when it comes."
        )
    return lines


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _titles(contracts: list[Contract]) -> str:
    shown = ", ".join(c.title or c.id for c in contracts[:5])
    return shown if len(contracts) <= 5 else f"{shown} and {len(contracts) - 5} more"


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def import_into(
    repository: Repository, name: str, data: bytes, options: ImportOptions
) -> ImportPlan:
    """Plan the file on the repository's log and write it after a backup, in one transaction;
    planned again when another window or command wrote first. A plan in conflict writes nothing.

    Raises:
        InputError: as `plan_file`.
        StoreError: the database refused the write.
    """

    def plan_on(log: Log) -> ImportPlan:
        return plan_file(
            name, data, log, repository.applied_refs(), options, repository.import_groups()
        )

    return repository.apply_planned(plan_on, before_write=lambda: back_up(repository))


def write_previewed(
    plan: ImportPlan,
    backup_source: BackupSource | Path,
    write: Callable[[Change, Log], object],
) -> None:
    """Write the plan the user saw with `write(change, planned_on)` (which refuses it when the
    log has changed since), after a backup of `backup_source` (the open repository)."""
    if plan.is_empty or plan.conflict is not None:
        return
    back_up(backup_source)
    write(plan.change, plan.planned_on)


def back_up(source: BackupSource | Path) -> None:
    """The store's backup before an import (none while the database is still empty)."""
    backup_before_import(source)
