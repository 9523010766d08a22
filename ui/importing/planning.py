"""What an import would do, worked out without Qt: the Change, its summary in words, the estimate
before and after. Runs on the planning thread; nothing here writes.

The file's kind is found by its content (a transaction history's header, else repute/1 JSON), not
its name, so a history saved as `.txt` still imports.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass, field
from dataclasses import replace as dataclass_replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker.io.fragment import Fragment
from tracker.io.import_file import UPWORK_SUMMARY
from tracker.io.plan_edits import Regrouping
from tracker.records.changes import Change, apply_to_log
from tracker.records.model import Client, Contract, Log, Payment

ScoreReport = Callable[[Log, date], dict[str, Any]]
HELD_BACK = "Held back "
TRANSACTION_HISTORY = "transaction history"
WEEKLY_SUMMARY = "weekly summary report"
STATEMENTS = (TRANSACTION_HISTORY, WEEKLY_SUMMARY)  # payments grouped into contracts, listed
WORK_HISTORY = "work history"
REPUTE_JSON = "Repute file"
SPREADSHEET = "spreadsheet"


@dataclass(frozen=True)
class Estimate:
    """The estimate as the dashboard shows it: its exact value, or why it is hidden."""

    exact: float | None
    hidden_reason: str | None = None


@dataclass(frozen=True)
class Answers:
    """What the user said about a file in the preview: the command line's options, and the
    merges and splits of its contracts."""

    replace: bool = False
    date_order: str | None = None
    freelancer: str | None = None
    agency: bool = False
    other_profile: bool = False
    regroupings: tuple[Regrouping, ...] = ()


DATE_ORDER = "date order"
WHOSE_WORK = "whose work"
OTHER_PROFILE = "other profile"


@dataclass(frozen=True)
class Question:
    """What the file cannot say by itself: `kind` is DATE_ORDER, WHOSE_WORK or OTHER_PROFILE;
    `choices` are the freelancers found (WHOSE_WORK)."""

    kind: str
    text: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContractRow:
    """One contract the import makes or extends, as the preview lists it."""

    id: str
    title: str
    client: str
    made: bool
    rule: str
    payments: tuple[Payment, ...]

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal("0.00"))


@dataclass(frozen=True)
class ImportPreview:
    """Everything the preview dialog shows, and the Change that Import applies.

    `conflict` is set (a sentence) when records differ from the log's and the user may plan again
    with replace; `needs_you` are the summary's sentences about what the user must finish.
    """

    name: str
    kind: str
    change: Change
    lines: tuple[str, ...]
    needs_you: tuple[str, ...] = ()
    before: Estimate = Estimate(None)
    after: Estimate = Estimate(None)
    conflict: str | None = None
    replacing: bool = False
    planned_on: Log | None = None  # the log the change was planned against (checked on writing)
    contracts: tuple[ContractRow, ...] = ()
    question: Question | None = None
    answers: Answers = field(default_factory=Answers)
    regroup_error: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.change.is_empty()


def estimate_of(report: dict[str, Any]) -> Estimate:
    exact = report.get("exact") if report.get("status") == "shown" else None
    return Estimate(float(exact) if exact is not None else None, report.get("hidden_reason"))


def _window_words(line: str) -> str:
    """The command line's hint becomes the preview's button."""
    return line.replace("; import again with --replace to use the payments instead.", ".")


def _is_transaction_history(data: bytes) -> bool:
    from tracker.io.upwork.statement import looks_like_upwork_csv

    return looks_like_upwork_csv(data)


def plan_file(
    name: str,
    data: bytes,
    log: Log,
    applied_refs: Set[str],
    *,
    replace: bool = False,
    answers: Answers | None = None,
) -> tuple[str, Change, list[str], list[str], str | None]:
    """The kind, Change, summary lines, needs-you lines and held-back conflict of importing `data`.

    Raises:
        InputError: a bad file, or (JSON) records that differ from the log's without `replace`,
            or a question the user must answer (DateOrderNeeded, FreelancerChoiceNeeded,
            OtherProfile).
    """
    answers = answers or Answers(replace=replace)
    return _in_words(_file_plan(name, data, log, applied_refs, answers), answers)


def _in_words(plan: Any, answers: Answers) -> tuple[str, Change, list[str], list[str], str | None]:
    """A FilePlan as the preview's kind, change, summary, needs-you lines and conflict."""
    if plan.format == "json":
        return REPUTE_JSON, plan.change, [_sentence(x) for x in plan.lines], [], None
    lines = [_window_words(line) for line in plan.lines]
    if plan.upwork is not None:  # a statement: its list of contracts shows them, as regrouped
        lines = [line for line in lines if not line.startswith("New contracts")]
    needs = [line for line in lines if line.startswith("Needs you")]
    summary = [line for line in lines if line not in needs]
    if plan.format == "upwork-work-history":
        return WORK_HISTORY, plan.change, summary, needs, None
    conflict = None
    if plan.held_back and not answers.replace:
        conflict = (
            "Some contracts have an amount earned typed in, and the file has their payments. "
            "Replacing clears the typed amount and lists the payments instead."
        )
    kind = WEEKLY_SUMMARY if plan.format == UPWORK_SUMMARY else TRANSACTION_HISTORY
    return kind, plan.change, summary, needs, conflict


def _file_plan(
    name: str,
    data: bytes,
    log: Log,
    refs: Set[str],
    answers: Answers,
    remembered: tuple[tuple[str, str, str], ...] = (),
) -> Any:
    from tracker.io.import_file import ImportOptions, plan_file_import

    options = ImportOptions(
        replace=answers.replace,
        freelancer=answers.freelancer,
        agency=answers.agency,
        date_order=answers.date_order,
        other_profile=answers.other_profile,
        label=f"import {name}",
    )
    return plan_file_import(data, log, refs, options, remembered)


def question_of(error: BaseException) -> Question | None:
    """The question a refused file asks the user, or None for a file that is simply bad."""
    from tracker.io.import_plan import OtherProfile
    from tracker.io.upwork.rows import DateOrderNeeded
    from tracker.io.upwork.whose import FreelancerChoiceNeeded

    if isinstance(error, DateOrderNeeded):
        return Question(DATE_ORDER, _window_question(str(error)))
    if isinstance(error, FreelancerChoiceNeeded):
        return Question(
            WHOSE_WORK,
            f"This statement holds the work of {len(error.freelancers)} freelancers. "
            "Whose work is this log?",
            error.freelancers,
        )
    if isinstance(error, OtherProfile):
        return Question(OTHER_PROFILE, _window_question(error.message))
    return None


def _window_question(text: str) -> str:
    """The command line's hint about its options, said for the window."""
    for hint in (
        "; say which with --date-order dmy or --date-order mdy",
        "; say which the file uses with --date-order dmy or --date-order mdy",
        "; import it with --other-profile if you mean to add their records to your log",
    ):
        text = text.replace(hint, "")
    return _sentence(text)


def contract_rows(change: Change, plans: tuple[Any, ...], log: Log) -> tuple[ContractRow, ...]:
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
    rows = []
    for contract in contracts.values():
        paid = tuple(sorted(by_contract.get(contract.id, ()), key=lambda p: (p.date, p.ref or "")))
        if not paid and contract.id in known:
            continue
        rows.append(
            ContractRow(
                id=contract.id,
                title=contract.title or contract.id,
                client=names.get(contract.client, contract.client),
                made=contract.id not in known,
                rule=rules.get(contract.id, "as you merged or split it"),
                payments=paid,
            )
        )
    rows.sort(key=lambda r: (not r.made, r.payments[0].date if r.payments else date.max, r.id))
    return tuple(rows)


def _sentence(line: str) -> str:
    text = line[:1].upper() + line[1:]
    return text if text.endswith(".") else text + "."


def conflict_words(error: BaseException) -> str | None:
    """The sentence of an import refused only because records differ (else None)."""
    if getattr(error, "path", None) != "conflict":
        return None
    message = str(getattr(error, "message", error)).split("; use --replace")[0]
    return message[:1].upper() + message[1:] + "."


def _is_open_contracts_line(line: str) -> bool:
    """The statement's 'Needs you: the 3 new contracts are open and have no feedback' line."""
    return line.startswith("Needs you") and " open and " in line and "no feedback" in line


def needs_you_of(log_after: Log, change: Change) -> list[str]:
    """New contracts without an end date or feedback, in one sentence (JSON and sheets)."""
    from tracker.records.model import Contract

    added = [r for r in change.added if isinstance(r, Contract)]
    old = {c.id for c in change.removed if isinstance(c, Contract)}
    rated = {f.contract for f in log_after.feedback}
    open_ids = [c for c in added if c.id not in old and c.ended is None]
    unrated = [c for c in added if c.id not in old and c.ended is not None and c.id not in rated]
    lines = []
    if open_ids:
        lines.append(
            f"Needs you: {_count(len(open_ids), 'new contract is', 'new contracts are')} open "
            f"({_titles(open_ids)}); when {'it' if len(open_ids) == 1 else 'each'} ends, add its "
            "end date and feedback."
        )
    if unrated:
        lines.append(
            f"Needs you: {_count(len(unrated), 'new contract has', 'new contracts have')} ended "
            f"without feedback ({_titles(unrated)}); add it when it comes."
        )
    return lines


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _titles(contracts: list[Any]) -> str:
    shown = ", ".join(c.title or c.id for c in contracts[:5])
    return shown if len(contracts) <= 5 else f"{shown} and {len(contracts) - 5} more"


def preview_change(
    name: str,
    kind: str,
    change: Change,
    lines: list[str],
    needs: list[str],
    log: Log,
    score: ScoreReport,
    as_of: date,
    *,
    conflict: str | None = None,
    replacing: bool = False,
) -> ImportPreview:
    """The preview of `change` on `log`: its words and the estimate before and after."""
    before = estimate_of(score(log, as_of))
    after_log = apply_to_log(log, change) if not change.is_empty() else log
    after = estimate_of(score(after_log, as_of)) if not change.is_empty() else before
    if kind not in STATEMENTS:
        needs = needs + needs_you_of(after_log, change)
    return ImportPreview(
        name=name,
        kind=kind,
        change=change,
        lines=tuple(lines),
        needs_you=tuple(needs),
        before=before,
        after=after,
        conflict=conflict,
        replacing=replacing,
        planned_on=log,
    )


def preview_file(
    path: Path,
    log: Log,
    applied_refs: Set[str],
    score: ScoreReport,
    as_of: date,
    *,
    replace: bool = False,
    limit: int,
    answers: Answers | None = None,
    remembered: tuple[tuple[str, str, str], ...] = (),
) -> ImportPreview:
    """Read, plan and score an import of the file at `path` (the whole planning thread's work).

    A question the file asks (its date order, whose work, another person's log) and a JSON
    conflict are not raised but returned in the preview, for the user to answer.

    Raises:
        InputError: a bad file.
    """
    from tracker.io.input_file import read_input_file
    from tracker.io.plan_edits import RegroupError, regrouped
    from tracker.io.problems import InputError

    answers = answers or Answers(replace=replace)
    data = read_input_file(path, limit)
    try:
        plan = _file_plan(path.name, data, log, applied_refs, answers, remembered)
        kind, change, lines, needs, conflict = _in_words(plan, answers)
    except InputError as error:
        question = question_of(error)
        words = conflict_words(error)
        if words is None and question is None:
            raise
        empty = Change(label=f"import {path.name}")
        estimate = estimate_of(score(log, as_of))
        asked_of_a_statement = question is not None and question.kind != OTHER_PROFILE
        kind = TRANSACTION_HISTORY if asked_of_a_statement else REPUTE_JSON
        return ImportPreview(
            path.name, kind, empty, (), before=estimate, after=estimate, conflict=words,
            question=question, answers=answers,
        )  # fmt: skip
    regroup_error = None
    if answers.regroupings:
        try:
            change = regrouped(change, answers.regroupings, {c.id for c in log.contracts})
        except RegroupError as error:
            regroup_error = _sentence(str(error)[:1].upper() + str(error)[1:])
            answers = Answers(**{**answers.__dict__, "regroupings": answers.regroupings[:-1]})
            change = regrouped(plan.change, answers.regroupings, {c.id for c in log.contracts})
        # The statement's own count of open contracts is from before the merge or split.
        needs = [line for line in needs if not _is_open_contracts_line(line)]
        needs += needs_you_of(apply_to_log(log, change), change)
    preview = preview_change(
        path.name, kind, change, lines, needs, log, score, as_of,
        conflict=conflict, replacing=answers.replace,
    )  # fmt: skip
    plans = tuple(plan.upwork.contracts) if plan.upwork is not None else ()
    return dataclass_replace(
        preview,
        contracts=contract_rows(change, plans, log) if kind in STATEMENTS else (),
        answers=answers,
        regroup_error=regroup_error,
    )


def preview_sheet(
    name: str,
    fragment: Fragment,
    log: Log,
    score: ScoreReport,
    as_of: date,
    *,
    replace: bool,
) -> ImportPreview:
    """Plan and score a mapped spreadsheet's records like any import (conflicts returned, not
    raised)."""
    from tracker.io.import_plan import plan_import
    from tracker.io.problems import InputError

    try:
        plan = plan_import(log, fragment, replace=replace, label=f"import {name}")
    except InputError as error:
        words = conflict_words(error)
        if words is None:
            raise
        estimate = estimate_of(score(log, as_of))
        empty = Change(label=f"import {name}")
        return ImportPreview(
            name, SPREADSHEET, empty, (), before=estimate, after=estimate, conflict=words
        )
    lines = [_sentence(line) for line in plan.summary.lines()]
    return preview_change(
        name, SPREADSHEET, plan.change, lines, [], log, score, as_of, replacing=replace
    )
