"""Far dates (issue 15 point 5): one accepted range, refused at the door in one line.

The range is tracker.records.date_range's; every option, REPUTE_TODAY, every file a user brings
(repute/1 JSON, the marketplace's CSV, a spreadsheet, a change file) and the forms' checks refuse
the rest.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.profiles import examples
from tracker.cli import run
from tracker.io.csv_tables import read_csv_table
from tracker.io.problems import InputError
from tracker.io.sheet_import import fragment_from_csv
from tracker.records import validation
from tracker.records.date_range import FIRST_DAY, LAST_DAY, RANGE_TEXT, outside_range
from tracker.records.model import Contract, Log, Payment
from tracker.startup import BadToday, resolve_startup

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample-profile.json"
TODAY = "2026-11-26"

far_dates = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=FIRST_DAY - timedelta(days=1)),
    st.dates(min_value=LAST_DAY + timedelta(days=1), max_value=date(9999, 12, 31)),
)
# Every option that takes a date, on a command that takes it, with what else it needs.
DATE_OPTIONS = [
    ("score", "--as-of", []),
    ("explain", "--as-of", []),
    ("explain", "--since", []),
    ("trend", "--from", []),
    ("trend", "--to", []),
    ("forecast", "--as-of", []),
    ("forecast", "--until", []),
    ("plan", "--by", ["--target", "90"]),
    ("plan", "--as-of", ["--target", "90"]),
    ("whatif", "--as-of", ["--change", "change.json"]),
]


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("far") / "repute.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPUTE_TODAY", TODAY)
        assert run(["--db", str(path), "import", str(SAMPLE)]) == 0
    (path.parent / "change.json").write_text('{"remove": {"contracts": []}}', encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPUTE_TODAY", TODAY)
    monkeypatch.delenv("REPUTE_DB", raising=False)


def one_line_refusal(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_the_range_is_one_place_and_its_edges_are_accepted() -> None:
    assert RANGE_TEXT == "1990-01-01 to 2100-12-31"
    assert outside_range(FIRST_DAY) is None and outside_range(LAST_DAY) is None
    assert outside_range(LAST_DAY + timedelta(days=1)) == (
        "2101-01-01 is outside the dates Repute accepts (1990-01-01 to 2100-12-31)"
    )


@pytest.mark.parametrize(("command", "option", "extra"), DATE_OPTIONS)
@settings(
    max_examples=examples(8),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(day=far_dates)
def test_every_date_option_refuses_a_far_date_in_one_line(
    sample_db: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    option: str,
    extra: list[str],
    day: date,
) -> None:
    before = sample_db.read_bytes()
    extra = [str(sample_db.parent / e) if e.endswith(".json") else e for e in extra]
    capsys.readouterr()
    assert run(["--db", str(sample_db), command, *extra, option, day.isoformat()]) == 2
    line = one_line_refusal(capsys.readouterr().err)
    assert f"'{day.isoformat()}' is outside the dates Repute accepts ({RANGE_TEXT})" in line
    assert option in line
    assert sample_db.read_bytes() == before


@pytest.mark.parametrize(("command", "option", "extra"), DATE_OPTIONS)
def test_the_edges_of_the_range_are_answered(
    sample_db: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    option: str,
    extra: list[str],
) -> None:
    """The last accepted day is within the engine's reach on every command (exit 0, or a usage
    error of the command's own, never a crash)."""
    extra = [str(sample_db.parent / e) if e.endswith(".json") else e for e in extra]
    for day in (FIRST_DAY, LAST_DAY):
        capsys.readouterr()
        code = run(["--db", str(sample_db), command, *extra, option, day.isoformat()])
        err = capsys.readouterr().err
        assert code in (0, 2), err
        if code == 2:
            one_line_refusal(err)


@pytest.mark.parametrize("value", ["2026-02-30", "9999-12-31", "0001-01-01", "tomorrow"])
def test_a_bad_repute_today_is_one_line_exit_2(
    sample_db: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    value: str,
) -> None:
    monkeypatch.setenv("REPUTE_TODAY", value)
    with pytest.raises(BadToday):
        resolve_startup(None, {"REPUTE_TODAY": value})
    for command in (["score"], ["trend"], ["import", str(SAMPLE)]):
        before = sample_db.read_bytes()
        capsys.readouterr()
        assert run(["--db", str(sample_db), *command]) == 2
        line = one_line_refusal(capsys.readouterr().err)
        assert f"REPUTE_TODAY '{value}'" in line
        assert sample_db.read_bytes() == before


RECORDS_WITH_A_DATE = [
    ("contracts", 0, "started"),
    ("contracts", 0, "ended"),
    ("payments", 0, "date"),
    ("feedback", 0, "date"),
    ("invites", 0, "date"),
    ("snapshots", 0, "date"),
    ("events", 0, "date"),
]


def small_log(table: str, index: int, field: str, day: str) -> dict[str, object]:
    data: dict[str, object] = {
        "format": "repute/1",
        "clients": [{"id": "a"}],
        "contracts": [
            {
                "id": "k1",
                "client": "a",
                "kind": "fixed",
                "started": "2026-01-05",
                "ended": "2026-01-20",
            }
        ],
        "payments": [{"contract": "k1", "date": "2026-01-20", "amount": 400.0}],
        "feedback": [{"contract": "k1", "date": "2026-01-21", "stars": 5.0}],
        "invites": [{"id": "i1", "date": "2026-11-20"}],
        "snapshots": [{"date": "2026-03-01", "jss": 83}],
        "events": [{"date": "2026-04-01", "kind": "note"}],
    }
    records = data[table]
    assert isinstance(records, list)
    records[index][field] = day
    return data


def nothing_written(db: Path) -> bool:
    """No database, or (today's import opens it before it reads the file) an empty one."""
    if not db.exists():
        return True
    from tracker.store.repository import Repository

    repo = Repository.open(db, create=False)
    try:
        return repo.log() == Log()
    finally:
        repo.close()


@pytest.mark.parametrize(("table", "index", "field"), RECORDS_WITH_A_DATE)
@settings(
    max_examples=examples(5),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(day=far_dates)
def test_a_json_file_with_a_far_date_is_refused_and_nothing_is_written(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    table: str,
    index: int,
    field: str,
    day: date,
) -> None:
    source = tmp_path / f"far-{table}-{field}.json"
    source.write_text(json.dumps(small_log(table, index, field, day.isoformat())))
    db = tmp_path / f"new-{table}-{field}-{day}.sqlite3"
    capsys.readouterr()
    assert run(["--db", str(db), "import", str(source)]) == 1
    line = one_line_refusal(capsys.readouterr().err)
    assert f"{table}[{index}].{field}: '{day.isoformat()}' is outside the dates" in line
    assert nothing_written(db)


def test_a_change_file_with_a_far_date_is_refused(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change = sample_db.parent / "far-change.json"
    change.write_text(
        json.dumps({"add": {"snapshots": [{"date": "9999-12-31", "jss": 90}]}}), encoding="utf-8"
    )
    capsys.readouterr()
    assert run(["--db", str(sample_db), "whatif", "--change", str(change)]) == 1
    line = one_line_refusal(capsys.readouterr().err)
    assert "add.snapshots[0].date: '9999-12-31' is outside the dates Repute accepts" in line


@settings(max_examples=examples(10), deadline=None)
@given(day=far_dates)
def test_a_marketplace_csv_with_a_far_date_is_refused(day: date) -> None:
    from tracker.io.upwork.statement import plan_upwork_import

    named = f"{day:%b} {day.day}, {day.year:04d}"
    data = (
        "Date,Ref ID,Type,Description,Team,Amount\n"
        f'"{named}",1,Fixed Price,"Invoice for Logo (40100001)",Beta,$450.00\n'
    ).encode()
    with pytest.raises(InputError) as caught:
        plan_upwork_import(data, Log(), frozenset())
    assert str(caught.value) == (
        f"line 2, column Date: '{named}' is outside the dates Repute accepts ({RANGE_TEXT})"
    )


def test_a_spreadsheet_with_a_far_date_names_its_cell() -> None:
    data = b"Client,Job,Type,Start date\nAcme,Logo,Fixed,2200-01-03\n"
    headers, rows = read_csv_table(data)
    mapping = {"client": "Client", "title": "Job", "kind": "Type", "started": "Start date"}
    with pytest.raises(InputError) as caught:
        fragment_from_csv("contracts", headers, rows, mapping, Log())
    assert "'2200-01-03' is outside the dates Repute accepts" in str(caught.value)
    assert "line 2" in str(caught.value)


@settings(max_examples=examples(20), deadline=None)
@given(day=far_dates)
def test_a_form_cannot_save_a_far_date(day: date) -> None:
    """The forms save through validation.record_problems: a typed far date stays in its field."""
    log = Log()
    contract = Contract("k1", "a", "fixed", day)
    problems = {p.field: p.message for p in validation.record_problems(contract, log)}
    assert problems["started"] == (
        f"{day.isoformat()} is outside the dates Repute accepts ({RANGE_TEXT})"
    )
    payment = Payment("k1", day, Decimal("10.00"))
    problems = {p.field: p.message for p in validation.record_problems(payment, log)}
    assert "outside the dates Repute accepts" in problems["date"]


def test_the_window_refuses_a_far_as_of_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from main import main

    assert main(["--as-of", "9999-12-31", "--screenshot", "never.png"]) == 2
    line = one_line_refusal(capsys.readouterr().err)
    assert "'9999-12-31' is outside the dates Repute accepts" in line
    assert not Path("never.png").exists()
