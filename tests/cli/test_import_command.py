"""`import` with the marketplace's files: formats, --dry-run, the choices a file needs, and a
refused import that leaves no database behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.cli import run

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "upwork"
SAMPLE = ROOT / "resources" / "sample-profile.json"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPUTE_TODAY", "2026-11-26")
    monkeypatch.delenv("REPUTE_DB", raising=False)
    return tmp_path / "data" / "repute.sqlite3"


def repute(db: Path, *args: str) -> int:
    return run(["--db", str(db), *args])


def out_err(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    captured = capsys.readouterr()
    return captured.out, captured.err


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("older.csv", "upwork-csv"),
        ("older-2020.csv", "upwork-csv"),
        ("recent.csv", "upwork-csv"),
        ("recent-20.csv", "upwork-csv"),
        ("weekly-summary.csv", "upwork-summary"),
        ("work-history.json", "upwork-work-history"),
    ],
)
def test_every_layout_imports_by_auto_and_by_its_format_name(
    db: Path, name: str, form: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(DATA / name)) == 0
    first, _ = out_err(capsys)
    assert db.exists()
    assert repute(db, "import", str(DATA / name), "--format", form) == 0
    again, _ = out_err(capsys)
    assert "Skipped" in again or "Nothing new" in again or "No new payments" in again
    assert first != again


def test_a_wrong_format_name_says_what_the_file_is(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(DATA / "weekly-summary.csv"), "--format", "upwork-csv") == 1
    _, err = out_err(capsys)
    assert err == (
        "line 1: this is the weekly summary report; import it with --format upwork-summary or "
        "--format auto\n"
    )
    assert not db.exists()


def test_dry_run_prints_the_plan_and_writes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(DATA / "older-2020.csv"), "--dry-run") == 0
    out, _ = out_err(capsys)
    lines = out.splitlines()
    assert lines[0] == "Dry run: nothing was written. The import would:"
    assert any(
        line.startswith("Make 'Hourly work for Client Alpha at $30.00/hr'")
        and "4 payments ($1,000.00), 2020-02-03 to 2020-02-18" in line
        and "grouped as hourly invoices of Client Alpha at $30.00/hr" in line
        for line in lines
    )
    assert "    2020-02-10       $360.00  100003" in lines
    assert "Add 7 payments ($1,800.00)." in lines
    assert (
        "Ignore 3 rows that are not earnings: 1 fee, 1 membership payment, 1 withdrawal." in lines
    )
    assert not db.exists()


@pytest.mark.parametrize("name", ["older-2020.csv", "work-history.json", "repute.json"])
def test_a_dry_run_never_says_it_did_what_it_did_not(
    name: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "Dry run: nothing was written" above "Added 7 payments" contradicted itself.
    path = DATA / name
    if name == "work-history.json":  # its contracts already logged: "Completed 2 contracts"
        assert repute(db, "import", str(DATA / "recent.csv")) == 0
        out_err(capsys)
    if name == "repute.json":
        assert repute(tmp_path / "source.sqlite3", "import", str(DATA / "older-2020.csv")) == 0
        path = tmp_path / name
        assert repute(tmp_path / "source.sqlite3", "export", str(path)) == 0
        out_err(capsys)
    assert repute(db, "import", str(path), "--dry-run") == 0
    lines = out_err(capsys)[0].splitlines()
    assert lines[0].startswith("Dry run: nothing was written.")
    done = ("Added", "Applied", "Skipped", "Ignored", "Moved", "Made", "Completed", "added:",
            "settings changed")  # fmt: skip
    assert [line for line in lines if line.startswith(done)] == []
    if name == "work-history.json":
        assert any(line.startswith("Complete 2 contracts already in your log") for line in lines)
    else:
        assert not db.exists()


def test_dry_run_on_an_existing_database_changes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(DATA / "older.csv")) == 0
    before = db.read_bytes()
    assert repute(db, "import", str(DATA / "recent.csv"), "--dry-run") == 0
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ambiguous.csv"], "can be read day first or month first"),
        (["agency.csv"], "2 freelancers (Ana Ruiz, Tomasz Kowal)"),
        (["agency.csv", "--freelancer", "Zoe"], "'Zoe' has no earnings"),
    ],
)
def test_a_refused_import_exits_1_in_one_line_and_creates_no_database(
    db: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(DATA / args[0]), *args[1:]) == 1
    out, err = out_err(capsys)
    assert message in err and err.count("\n") == 1 and out == ""
    assert not db.exists() and not db.parent.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the file is empty"), (b"# notes\n", "this is neither a repute/1 JSON file")],
)
def test_a_file_of_no_known_kind_is_named_in_its_message(
    db: Path, tmp_path: Path, content: bytes, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_bytes(content)
    assert repute(db, "import", str(odd)) == 1
    _, err = out_err(capsys)
    assert err.startswith(f"{odd}: {message}") and err.count("\n") == 1
    assert not db.exists()


def test_the_options_settle_what_the_file_cannot(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(DATA / "ambiguous.csv"), "--date-order", "dmy") == 0
    assert repute(db, "import", str(DATA / "agency.csv"), "--agency") == 0
    out, _ = out_err(capsys)
    assert "Added 4 payments ($1,150.00)." in out


def test_freelancer_and_agency_are_one_choice(db: Path) -> None:
    args = ["import", str(DATA / "agency.csv"), "--agency", "--freelancer", "Ana Ruiz"]
    assert repute(db, *args) == 2


def test_the_agency_choice_is_kept_for_the_next_statement(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(DATA / "agency.csv"), "--freelancer", "Ana Ruiz") == 0
    assert repute(db, "import", str(DATA / "agency.csv")) == 0
    out, _ = out_err(capsys)
    assert "Skipped 2 transactions already in your log." in out


def test_another_person_s_file_needs_other_profile(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(SAMPLE)) == 0
    document = json.loads(SAMPLE.read_text(encoding="utf-8"))
    mine = document["profile"]["name"]
    document["profile"]["name"] = "Someone Else"
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps(document), encoding="utf-8")
    before = db.read_bytes()
    out_err(capsys)
    for extra in ([], ["--replace"]):
        assert repute(db, "import", str(theirs), *extra) == 1
        _, err = out_err(capsys)
        assert f"this file is Someone Else's log and yours is {mine}'s" in err
        assert "--other-profile" in err
    assert db.read_bytes() == before
    assert repute(db, "import", str(theirs), "--other-profile") == 0
