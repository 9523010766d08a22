"""A weekly summary and a transaction history of the same days: refused, never counted twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.io.problems import InputError
from tracker.io.upwork.statement import plan_upwork_import
from tracker.records.changes import apply_to_log
from tracker.records.model import Log

DATA = Path(__file__).resolve().parents[1] / "data" / "upwork"
SUMMARY = (DATA / "weekly-summary.csv").read_bytes()  # 2 to 16 Mar 2026
HEADER = (
    "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,"
    "Amount in local currency,Currency,Balance\n"
)


def statement(day: str) -> bytes:
    """One hourly invoice of the summary's contract, paid on `day` (Mon DD, YYYY)."""
    return (
        HEADER + f'"{day}",900001,Hourly,Invoice for Site maintenance (60000001),,Mara Lind,'
        "Pine Studio,Mara Lind,,$320.00,,USD,$320.00\n"
    ).encode()


def imported(log: Log, refs: frozenset[str], data: bytes) -> tuple[Log, frozenset[str]]:
    plan = plan_upwork_import(data, log, refs)
    return apply_to_log(log, plan.change), refs | set(plan.change.applied_refs)


def test_a_statement_of_days_a_summary_brought_is_refused_with_the_way_out() -> None:
    log, refs = imported(Log(), frozenset(), SUMMARY)
    with pytest.raises(InputError) as refused:
        plan_upwork_import(statement("Mar 9, 2026"), log, refs)
    message = str(refused.value)
    assert "already has 1 payment of those days from a weekly summary report" in message
    assert "reference starts with 'summary-'" in message


def test_a_summary_of_days_a_statement_brought_is_refused() -> None:
    log, refs = imported(Log(), frozenset(), statement("Mar 9, 2026"))
    with pytest.raises(InputError, match="count the same earnings twice"):
        plan_upwork_import(SUMMARY, log, refs)


def test_other_days_and_the_same_kind_again_are_welcome() -> None:
    log, refs = imported(Log(), frozenset(), SUMMARY)
    later, refs = imported(log, refs, statement("Apr 20, 2026"))  # after the summary's weeks
    assert len(later.payments) == len(log.payments) + 1
    assert plan_upwork_import(SUMMARY, later, refs).change.is_empty()  # the same report again
