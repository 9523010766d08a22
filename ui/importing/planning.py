"""What an import would do, in the window's words: the library's ImportPlan (tracker.usecases.
importing, the same as the command line's) with the estimate before and after, and the question a
file asks. Runs on the planning thread; nothing here writes.

The file's kind is found by its content, not its name, so a history saved as `.txt` still imports.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracker.engine import results
from tracker.engine.numbers import out4
from tracker.io.fragment import Fragment
from tracker.records.changes import Change, apply_to_log
from tracker.records.model import Log
from tracker.usecases.importing import (
    SPREADSHEET,
    STATEMENTS,
    UPWORK_SUMMARY,
    UPWORK_WORK_HISTORY,
    ContractPlan,
    ImportOptions,
    ImportPlan,
    plan_file,
    plan_records,
)

ScoreReport = Callable[[Log, date], results.ScoreReport]
TRANSACTION_HISTORY = "transaction history"
WEEKLY_SUMMARY = "weekly summary report"
WORK_HISTORY = "work history"
REPUTE_JSON = "Repute file"
KIND_WORDS = {  # the plan's kind, as the preview names the file
    UPWORK_SUMMARY: WEEKLY_SUMMARY,
    UPWORK_WORK_HISTORY: WORK_HISTORY,
    SPREADSHEET: SPREADSHEET,
}
HELD_BACK_WORDS = (
    "Some contracts have an amount earned typed in, and the file has their payments. "
    "Replacing clears the typed amount and lists the payments instead."
)

# What the user said about a file in the preview: the command line's options, and the merges
# and splits of its contracts.
Answers = ImportOptions


@dataclass(frozen=True)
class Estimate:
    """The estimate as the dashboard shows it: its exact value, or why it is hidden."""

    exact: float | None
    hidden_reason: str | None = None


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
    contracts: tuple[ContractPlan, ...] = ()
    question: Question | None = None
    answers: Answers = field(default_factory=Answers)
    regroup_error: str | None = None
    plan: ImportPlan | None = None  # what is written on Import (None while a question waits)

    @property
    def is_empty(self) -> bool:
        return self.change.is_empty()


def estimate_of(report: results.ScoreReport) -> Estimate:
    # At 4 places, as `score --json` writes it.
    return Estimate(out4(report.exact), report.hidden_reason)


def question_of(error: BaseException) -> Question | None:
    """The question a refused file asks the user, or None for a file that is simply bad."""
    from tracker.io.import_plan import OtherProfile
    from tracker.io.upwork.rows import DateOrderNeeded
    from tracker.io.upwork.whose import FreelancerChoiceNeeded

    if isinstance(error, DateOrderNeeded):
        return Question(DATE_ORDER, _sentence(f"{error.path}: {error.question}"))
    if isinstance(error, FreelancerChoiceNeeded):
        return Question(
            WHOSE_WORK,
            f"This statement holds the work of {len(error.freelancers)} freelancers. "
            "Whose work is this log?",
            error.freelancers,
        )
    if isinstance(error, OtherProfile):
        return Question(OTHER_PROFILE, _sentence(error.question))
    return None


def _sentence(line: str) -> str:
    text = line[:1].upper() + line[1:]
    return text if text.endswith(".") else text + "."


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, TRANSACTION_HISTORY if kind in STATEMENTS else REPUTE_JSON)


def conflict_words(plan: ImportPlan) -> str | None:
    """Why the plan waits for Replace: records that differ, or payments held back."""
    if plan.conflict is not None:
        return _sentence("; ".join(plan.conflict.differences))
    if plan.held_back and not plan.options.replace:
        return HELD_BACK_WORDS
    return None


def preview_of(plan: ImportPlan, score: ScoreReport, as_of: date) -> ImportPreview:
    """The preview of `plan`: its words and the estimate before and after."""
    log = plan.planned_on
    before = estimate_of(score(log, as_of))
    after = before
    if not plan.is_empty:
        after = estimate_of(score(apply_to_log(log, plan.change), as_of))
    json_words = plan.kind not in STATEMENTS and plan.kind != UPWORK_WORK_HISTORY
    return ImportPreview(
        name=plan.name,
        kind=kind_words(plan.kind),
        change=plan.change,
        lines=tuple(_sentence(x.text) if json_words else x.text for x in plan.done),
        needs_you=plan.needs_you,
        before=before,
        after=after,
        conflict=conflict_words(plan),
        replacing=plan.options.replace,
        planned_on=log,
        contracts=plan.contracts if plan.kind in STATEMENTS else (),
        answers=plan.options,
        regroup_error=plan.regroup_error,
        plan=plan,
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

    A question the file asks (its date order, whose work, another person's log) is not raised but
    returned in the preview, for the user to answer.

    Raises:
        InputError: a bad file.
    """
    from tracker.io.input_file import read_input_file
    from tracker.io.problems import InputError

    answers = answers or Answers(replace=replace)
    data = read_input_file(path, limit)
    try:
        plan = plan_file(path.name, data, log, applied_refs, answers, remembered)
    except InputError as error:
        question = question_of(error)
        if question is None:
            raise
        estimate = estimate_of(score(log, as_of))
        asked_of_a_statement = question.kind != OTHER_PROFILE
        return ImportPreview(
            path.name,
            TRANSACTION_HISTORY if asked_of_a_statement else REPUTE_JSON,
            Change(label=f"import {path.name}"),
            (),
            before=estimate,
            after=estimate,
            question=question,
            answers=answers,
        )
    return preview_of(plan, score, as_of)


def preview_sheet(
    name: str,
    fragment: Fragment,
    log: Log,
    score: ScoreReport,
    as_of: date,
    *,
    replace: bool,
) -> ImportPreview:
    """Plan and score a mapped spreadsheet's records like any import."""
    return preview_of(plan_records(name, fragment, log, Answers(replace=replace)), score, as_of)
