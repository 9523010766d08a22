"""What if (jss-model.md section 10): a change applied to a copy of the log, compared on a day."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.build import LogBuilder, d
from tests.engine.strategies import days_in_span, logs
from tests.profiles import examples
from tracker.cli import run
from tracker.engine.numbers import round_fraction
from tracker.engine.reports import forecast_report, score_report
from tracker.engine.rules import resolve
from tracker.engine.score import LogIndex, evaluate
from tracker.engine.whatif import whatif_report
from tracker.io.json_format import export_json
from tracker.records.changes import Change, apply_to_log
from tracker.records.model import Client, Contract, Feedback, Log, Payment

AS_OF = d("2026-11-26")


def base() -> LogBuilder:
    """Three good jobs for three clients this year, and the open 'API' contract, paid, unrated."""
    b = LogBuilder()
    b.job(
        "k1",
        "a",
        "2026-01-05",
        ended="2026-01-20",
        pays=[("2026-01-20", 400)],
        stars=5,
        title="Logo",
    )
    b.job(
        "k2",
        "b",
        "2026-06-01",
        ended="2026-06-15",
        pays=[("2026-06-15", 1200)],
        stars=5,
        title="Site",
    )
    b.job(
        "k3",
        "c",
        "2026-09-01",
        ended="2026-09-10",
        pays=[("2026-09-10", 300)],
        stars=4.8,
        title="Icons",
    )
    b.job("api", "d", "2026-10-01", pays=[("2026-10-20", 600)], title="API")
    return b


def exact(log: Log, day: date = AS_OF) -> Fraction | None:
    return evaluate(LogIndex(log), day, resolve(log, None)).estimate.exact


def close_api(stars: str) -> Change:
    """Close 'API' on 2026-11-20 with final feedback the next day."""
    log = base().build()
    api = log.contract_by_id()["api"]
    closed = Contract(
        "api",
        "d",
        "fixed",
        api.started,
        title="API",
        ended=d("2026-11-20"),
        closed_by="client",
        end_reason="completed",
    )
    feedback = Feedback("api", d("2026-11-21"), "final", stars=Decimal(stars))
    return Change("close API", added=(closed, feedback), removed=(api,))


def test_after_equals_scoring_the_log_with_the_change_made() -> None:
    log = base().build()
    report = whatif_report(log, apply_to_log(log, close_api("4.0")), AS_OF, None)
    made = base()
    made.contracts = [c for c in made.contracts if c.id != "api"]
    made.job(
        "api",
        "d",
        "2026-10-01",
        ended="2026-11-20",
        pays=[],
        stars="4.0",
        fb_date="2026-11-21",
        title="API",
        closed_by="client",
        end_reason="completed",
    )
    expected = score_report(made.build(), AS_OF, None, with_next_change=False)
    assert report.after == expected
    assert report.before == score_report(log, AS_OF, None, with_next_change=False)
    assert report.before.next_change is None and report.after.next_change is None


def test_the_change_is_exact_and_the_forecast_is_that_of_the_changed_log() -> None:
    log = base().build()
    changed = apply_to_log(log, close_api("4.0"))
    report = whatif_report(log, changed, AS_OF, None)
    before, after = exact(log), exact(changed)
    assert before is not None and after is not None and before != after
    assert report.change == after - before
    assert report.forecast_after == forecast_report(changed, AS_OF).moves
    assert report.as_of == AS_OF


def test_closing_with_four_stars_is_explained_in_words() -> None:
    log = base().build()
    report = whatif_report(log, apply_to_log(log, close_api("4.0")), AS_OF, None)
    [cause] = report.causes
    assert cause.contract == "api" and cause.what == "closed"
    assert cause.text.startswith("'API' closed on 2026-11-20: counts neutral (public 4.0)")
    assert report.change is not None
    assert cause.delta == round_fraction(report.change, 4) < 0


def test_the_causes_add_up_to_the_change() -> None:
    log = base().build()
    k1 = log.contract_by_id()["k1"]
    change = close_api("3.0")
    change = Change(
        "two things",
        added=change.added,
        removed=(
            *change.removed,
            k1,
            *[p for p in log.payments if p.contract == "k1"],
            *[f for f in log.feedback if f.contract == "k1"],
        ),
    )
    report = whatif_report(log, apply_to_log(log, change), AS_OF, None)
    assert [c.contract for c in report.causes] == ["api", "k1"]
    assert [c.what for c in report.causes] == ["closed", "removed"]
    assert "counts negative" in report.causes[0].text
    assert report.causes[1].text == "'Logo' removed (it counted positive)"
    assert report.change is not None
    assert sum(c.delta or 0 for c in report.causes) == round_fraction(report.change, 4)


def test_an_added_contract_for_a_new_client() -> None:
    log = base().build()
    change = Change(
        "one more",
        added=(
            Client("e"),
            Contract("new", "e", "fixed", d("2026-11-02"), title="New", ended=d("2026-11-10")),
            Payment("new", d("2026-11-10"), Decimal("800")),
            Feedback("new", d("2026-11-11"), stars=Decimal("5"), private=10),
        ),
    )
    report = whatif_report(log, apply_to_log(log, change), AS_OF, None)
    [cause] = report.causes
    assert cause.what == "added"
    assert cause.text == (
        "'New' added: counts positive (public 5.0, private 10), 1.25 jobs, in 3m, 6m, 12m, 24m"
    )


def test_the_contracts_come_largest_first_whatever_their_ids() -> None:
    """'new-a' at four stars moves less than 'new-b' at two: 'new-b' is said first."""
    log = base().build()
    added = []
    for cid, stars in (("new-a", "4"), ("new-b", "2")):
        added += [
            Contract(cid, "e", "fixed", d("2026-11-02"), title=cid, ended=d("2026-11-10")),
            Payment(cid, d("2026-11-10"), Decimal("800")),
            Feedback(cid, d("2026-11-11"), stars=Decimal(stars)),
        ]
    change = Change("two more", added=(Client("e"), *added))
    report = whatif_report(log, apply_to_log(log, change), AS_OF, None)
    assert [c.contract for c in report.causes] == ["new-b", "new-a"]
    first, second = (abs(c.delta or 0) for c in report.causes)
    assert first > second > 0


def test_nothing_differs_when_the_change_touches_no_contract() -> None:
    log = base().build()
    report = whatif_report(log, log, AS_OF, None)
    assert report.change == 0 and report.causes == () and report.badges_changed == ()


def test_no_numbers_when_the_score_is_hidden_on_one_side() -> None:
    b = LogBuilder()
    b.job("k1", "a", "2026-01-05", ended="2026-01-20", pays=[("2026-01-20", 400)], stars=5)
    log = b.build()
    change = Change(
        "second client",
        added=(
            Client("b"),
            Contract("k2", "b", "fixed", d("2026-03-01"), ended=d("2026-03-02")),
            Payment("k2", d("2026-03-02"), Decimal("100")),
            Feedback("k2", d("2026-03-02"), stars=Decimal(5)),
        ),
    )
    report = whatif_report(log, apply_to_log(log, change), AS_OF, None)
    assert not report.before.shown and report.after.shown
    assert report.change is None
    assert [c.delta for c in report.causes] == [None]
    assert report.badges_changed == ("Rising Talent lost: only without a score",)


def test_a_forced_rule_set_applies_to_both_sides() -> None:
    log = base().build()
    report = whatif_report(log, apply_to_log(log, close_api("4.0")), AS_OF, "upwork-2015")
    assert report.before.rules == report.after.rules == "upwork-2015"


@settings(max_examples=examples(60), deadline=None)
@given(logs(max_contracts=6, rule_options=True), logs(max_contracts=6), days_in_span())
def test_causes_always_add_up_to_the_change(first: Log, second: Log, day: date) -> None:
    report = whatif_report(first, second, day, None)
    before, after = exact(first, day), exact(second, day)
    if before is None or after is None:
        assert report.change is None
        assert all(c.delta is None for c in report.causes)
        return
    assert report.change == after - before
    total = sum(c.delta or 0 for c in report.causes)
    assert total == round_fraction(report.change, 4)
    if before != after:
        assert report.causes
    # The shares come largest first (as the window and the command line show them).
    sizes = [abs(c.delta or 0) for c in report.causes]
    assert sizes == sorted(sizes, reverse=True)


@settings(max_examples=examples(30), deadline=None)
@given(logs(max_contracts=6), st.integers(0, 5), days_in_span())
def test_removing_a_contract_equals_a_log_without_it(log: Log, pick: int, day: date) -> None:
    if not log.contracts:
        return
    gone = log.contracts[pick % len(log.contracts)]
    removed = (
        gone,
        *[p for p in log.payments if p.contract == gone.id],
        *[f for f in log.feedback if f.contract == gone.id],
    )
    changed = apply_to_log(log, Change("remove", removed=removed))
    without = Log(
        clients=log.clients,
        contracts=tuple(c for c in log.contracts if c != gone),
        payments=tuple(p for p in log.payments if p.contract != gone.id),
        feedback=tuple(f for f in log.feedback if f.contract != gone.id),
        events=log.events,
    )
    report = whatif_report(log, changed, day, None)
    assert report.after == score_report(without, day, None, with_next_change=False)


def test_a_sandboxed_rule_set_is_the_first_cause() -> None:
    log = base().build()
    strict = {"strict": {"base": "auto", "parameters": {"public_positive": 4.9}}}
    change = close_api("4.6")
    change = Change(
        "strict rules and close API",
        added=change.added,
        removed=change.removed,
        settings={"custom_rules": strict, "rules": "strict"},
    )
    report = whatif_report(log, apply_to_log(log, change), AS_OF, None)
    assert [c.what for c in report.causes] == ["rules_changed", "closed"]
    assert report.causes[0].text == "the rules change to strict"
    first = report.causes[0].delta
    assert first is not None and first < 0  # 'Icons' at 4.8 stars is neutral under 4.9
    assert "counts neutral (public 4.6)" in report.causes[1].text
    assert report.change is not None
    assert sum(c.delta or 0 for c in report.causes) == round_fraction(report.change, 4)


# --- the command ----------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database holding base(), today being AS_OF."""
    monkeypatch.setenv("REPUTE_TODAY", AS_OF.isoformat())
    monkeypatch.delenv("REPUTE_DB", raising=False)
    path = tmp_path / "repute.sqlite3"
    source = tmp_path / "base.json"
    source.write_bytes(export_json(base().build()))
    assert run(["--db", str(path), "import", str(source)]) == 0
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def change_file(tmp_path: Path, change: object) -> str:
    path = tmp_path / "change.json"
    path.write_text(json.dumps(change), encoding="utf-8")
    return str(path)


CLOSE_API = {
    "replace": {
        "contracts": [
            {
                "id": "api",
                "client": "d",
                "kind": "fixed",
                "title": "API",
                "started": "2026-10-01",
                "ended": "2026-11-20",
            }
        ]
    },
    "add": {"feedback": [{"contract": "api", "date": "2026-11-21", "stars": 4.0}]},
}


def test_whatif_command_reports_and_writes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(db)
    files = {p.name for p in db.parent.iterdir()} | {"change.json"}
    capsys.readouterr()
    assert (
        run(["--db", str(db), "whatif", "--change", change_file(tmp_path, CLOSE_API), "--json"])
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert list(report)[:5] == ["as_of", "before", "after", "change", "forecast_after"]
    assert report["before"]["exact"] == 100.0 and report["after"]["exact"] == 88.0952
    assert report["change"] == -11.9048
    assert report["causes"][0]["what"] == "closed"
    assert digest(db) == before
    assert {p.name for p in db.parent.iterdir()} == files
    assert run(["--db", str(db), "whatif", "--change", change_file(tmp_path, CLOSE_API)]) == 0
    text = capsys.readouterr().out
    assert "What if, on 2026-11-26" in text and "'API' closed on 2026-11-20" in text
    assert digest(db) == before


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (
            {
                "add": {
                    "contracts": [
                        {"id": "new", "client": "a", "kind": "fixed", "started": "2026-13-01"}
                    ]
                }
            },
            "add.contracts[0].started",
        ),
        (
            {"add": {"feedback": [{"contract": "api", "date": "2026-11-21", "stars": 7}]}},
            "add.feedback[0].stars",
        ),
        (
            {"add": {"feedback": [{"contract": "api", "date": "2026-09-01", "stars": 5}]}},
            "add.feedback[0].date",
        ),
        ({"remove": {"contracts": ["nope"]}}, "remove.contracts[0]"),
        (
            {
                "add": {
                    "contracts": [
                        {"id": "k1", "client": "a", "kind": "fixed", "started": "2026-01-05"}
                    ]
                }
            },
            "add.contracts[0]",
        ),
    ],
)
def test_a_bad_change_file_exits_1_saying_where(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], change: object, where: str
) -> None:
    before = digest(db)
    capsys.readouterr()
    assert run(["--db", str(db), "whatif", "--change", change_file(tmp_path, change)]) == 1
    err = capsys.readouterr().err
    assert where in err and len(err.strip().splitlines()) == 1
    assert digest(db) == before


def test_whatif_usage_errors_exit_2(db: Path, tmp_path: Path) -> None:
    assert (
        run(
            [
                "--db",
                str(db),
                "whatif",
                "--change",
                change_file(tmp_path, CLOSE_API),
                "--rules",
                "nope",
            ]
        )
        == 2
    )
    assert run(["--db", str(db), "whatif"]) == 2


def test_a_missing_change_file_exits_1(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nowhere.json")
    assert run(["--db", str(db), "whatif", "--change", missing]) == 1
    assert f"{missing}: no such file" in capsys.readouterr().err
