"""The profile's work history (JSON): contracts with their end and feedback, merged with what a
transaction history brings by one rule, the same whichever file comes first."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.profiles import examples
from tracker.engine.reports import score_report
from tracker.io.import_file import ImportOptions, detect_format, plan_file_import
from tracker.io.problems import InputError
from tracker.io.upwork.layout import RECENT_COLUMNS
from tracker.io.upwork.work_history import plan_work_history
from tracker.records.changes import apply_to_log
from tracker.records.model import Log

DATA = Path(__file__).parent.parent / "data" / "upwork"


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def imported(log: Log, data: bytes) -> Log:
    refs = frozenset(p.ref for p in log.payments if p.ref)
    return apply_to_log(log, plan_file_import(data, log, refs, ImportOptions()).change)


def tables(log: Log) -> dict[str, list[str]]:
    return {
        table: sorted(map(repr, getattr(log, table)))
        for table in ("clients", "contracts", "payments", "feedback")
    }


def test_the_format_is_told_by_its_keys() -> None:
    assert detect_format(fixture("work-history.json")) == "upwork-work-history"
    assert detect_format(b'{"format": "repute/1"}') == "json"


def test_alone_it_gives_contracts_with_their_charges_end_and_feedback() -> None:
    log = imported(Log(), fixture("work-history.json"))
    contracts = log.contract_by_id()
    cleanup = contracts["upwork-1763000001"]
    assert (cleanup.kind, cleanup.started, cleanup.ended) == (
        "hourly",
        date(2026, 8, 24),
        date(2026, 9, 12),
    )
    assert (cleanup.earned, cleanup.last_paid) == (Decimal("750.00"), date(2026, 9, 12))
    assert cleanup.client == "upwork-client-4401"
    feedback = {f.contract: f for f in log.feedback}
    assert feedback["upwork-1763000001"].stars == Decimal(5)
    assert feedback["upwork-1763000001"].date == date(2026, 9, 12)
    assert dict(feedback["upwork-1763000002"].scores) == {
        "deadlines": Decimal("3.5"),
        "skills": Decimal(5),
    }
    assert feedback["upwork-1763000002"].comment == "Good, a bit late on episode 2."
    open_one = contracts["upwork-1763000004"]
    assert (open_one.ended, open_one.earned) == (None, None)
    assert "upwork-1763000004" not in feedback


def test_either_order_gives_the_same_log_and_no_payment_twice() -> None:
    statement, history = fixture("recent.csv"), fixture("work-history.json")
    first = imported(imported(Log(), statement), history)
    second = imported(imported(Log(), history), statement)
    assert tables(first) == tables(second)
    merged = {c.title: c for c in first.contracts}
    for title in ("Data cleanup", "Podcast editing"):
        assert merged[title].earned is None  # its payments are listed: charges never added
        assert merged[title].ended is not None
    assert merged["Podcast editing"].client == "harbor-books"  # the statement's client stands
    assert merged["Podcast editing"].started == date(2026, 9, 1)  # the work history's start
    assert merged["Old logo job"].earned == Decimal("300.00")  # no payment of it anywhere
    assert sum(p.amount for p in first.payments) == Decimal("1520.00")
    as_of = date(2026, 11, 1)
    assert score_report(first, as_of, with_next_change=False) == score_report(
        second, as_of, with_next_change=False
    )


def test_importing_either_again_changes_nothing() -> None:
    log = imported(imported(Log(), fixture("work-history.json")), fixture("recent.csv"))
    again = plan_work_history(fixture("work-history.json"), log)
    assert again.change.is_empty()
    assert again.lines() == ["Nothing new: the work history is already in your log."]


def test_the_stand_in_clients_go_once_the_statement_names_them() -> None:
    log = imported(imported(Log(), fixture("work-history.json")), fixture("recent.csv"))
    ids = {c.id for c in log.clients}
    assert "upwork-client-4402" not in ids and "upwork-client-4401" not in ids
    assert "upwork-client-4403" in ids  # the old logo job's client is still known by id only


def test_a_title_that_matches_but_dates_that_do_not_is_another_contract() -> None:
    history = json.loads(fixture("work-history.json"))
    podcast = history["pageItems"][1]
    podcast["startedOn"], podcast["endedOn"] = "2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00Z"
    log = imported(imported(Log(), fixture("recent.csv")), json.dumps(history).encode())
    podcasts = [c for c in log.contracts if c.title == "Podcast editing"]
    assert len(podcasts) == 2  # the statement's, and the work history's of 2024
    assert sorted(c.earned is None for c in podcasts) == [False, True]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"startedOn": "soon"}, "pageItems[0].startedOn: 'soon' is not a date"),
        ({"startedOn": None}, "pageItems[0].startedOn: the value is missing"),
        ({"endedOn": "2020-01-01T00:00:00Z"}, "pageItems[0].endedOn: 2020-01-01 is before"),
        ({"totalCharges": {"amount": "lots"}}, "pageItems[0].totalCharges.amount: 'lots' is not"),
        ({"feedback": {"score": 7}}, "pageItems[0].feedback.score: 7 is not between 1 and 5"),
        ({"title": ""}, "pageItems[0].title: the value is missing"),
    ],
)
def test_a_bad_value_is_refused_with_its_path(change: dict[str, object], message: str) -> None:
    history = json.loads(fixture("work-history.json"))
    history["pageItems"][0].update(change)
    with pytest.raises(InputError) as caught:
        plan_work_history(json.dumps(history).encode(), Log())
    assert str(caught.value).startswith(message)


@st.composite
def contract_histories(draw: st.DrawFn) -> tuple[bytes, bytes]:
    """A 2025 statement and a work history of the same freelancer: contracts with distinct
    titles, each paid in the statement, listed in the work history, or both."""
    count = draw(st.integers(1, 5))
    header = ",".join(RECENT_COLUMNS) + "\n"
    rows, items = [], []
    for n in range(count):
        start = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 300)))
        length = draw(st.integers(0, 60))
        where = draw(st.sampled_from(("both", "statement", "history")))
        title = f"Job number {n}"
        if where != "history":
            for k in range(draw(st.integers(1, 3))):
                day = start + timedelta(days=min(length, k * 7))
                cells = dict.fromkeys(RECENT_COLUMNS, "")
                cells.update({
                    "Date": day.isoformat(), "Transaction ID": f"{n}{k}00", "Transaction Type":
                    "Fixed-price", "Transaction Summary": title, "Team": f"Client {n % 2}",
                    "Amount $": f"${(k + 1) * 50}.00",
                })  # fmt: skip
                rows.append(",".join(cells.values()) + "\n")
        if where != "statement":
            ended = start + timedelta(days=length)
            items.append({
                "id": f"77{n}", "title": title, "startedOn": f"{start}T00:00:00.000Z",
                "endedOn": f"{ended}T00:00:00.000Z", "clientId": str(n),
                "totalCharges": {"amount": 100 + n, "currencyCode": "USD"},
                "feedback": {"score": draw(st.sampled_from((1.0, 3.5, 5.0))), "comment": "",
                             "scoreDetails": []},
            })  # fmt: skip
    return (header + "".join(rows)).encode(), json.dumps({"pageItems": items}).encode()


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contract_histories())
def test_either_order_gives_the_same_log_for_any_history(files: tuple[bytes, bytes]) -> None:
    statement, history = files
    first = imported(imported(Log(), statement), history)
    second = imported(imported(Log(), history), statement)
    assert tables(first) == tables(second)
    paid = {p.contract for p in first.payments}
    assert all(c.earned is None for c in first.contracts if c.id in paid)  # never counted twice
