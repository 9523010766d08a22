"""The command line of shared/interface.md, run in-process on a database in a temporary folder."""

from __future__ import annotations

import hashlib
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from tracker.cli import run

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample-profile.json"

DATED_ROW = re.compile(r"\d{4}-\d\d-\d\d ")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REPUTE_TODAY", "2026-11-26")
    monkeypatch.delenv("REPUTE_DB", raising=False)
    return tmp_path / "data" / "repute.sqlite3"


def repute(db: Path, *args: str) -> int:
    return run(["--db", str(db), *args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def json_out(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> dict:
    capsys.readouterr()
    assert repute(db, *args, "--json") == 0
    return json.loads(capsys.readouterr().out)


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


SMALL = {
    "format": "repute/1",
    "clients": [{"id": "a"}, {"id": "b"}],
    "contracts": [
        {
            "id": "k1",
            "client": "a",
            "kind": "fixed",
            "title": "Logo",
            "started": "2026-01-05",
            "ended": "2026-01-20",
        },
        {
            "id": "k2",
            "client": "b",
            "kind": "fixed",
            "title": "=Site",
            "started": "2026-02-01",
            "ended": "2026-02-15",
        },
    ],
    "payments": [
        {"contract": "k1", "date": "2026-01-20", "amount": 400.0, "ref": "T1"},
        {"contract": "k2", "date": "2026-02-15", "amount": 1200.0},
    ],
    "feedback": [
        {"contract": "k1", "date": "2026-01-21", "stars": 5.0},
        {"contract": "k2", "date": "2026-02-16", "stars": 4.0, "private": 8},
    ],
    "invites": [{"id": "i1", "date": "2026-11-20", "status": "pending"}],
    "snapshots": [{"date": "2026-03-01", "jss": 83}],
}


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([]) == 0
    assert "import" in capsys.readouterr().out


def test_read_commands_refuse_a_missing_database(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in (
        ["score"],
        ["trend"],
        ["forecast"],
        ["explain"],
        ["export", str(db.parent / "x.json")],
    ):
        assert repute(db, *command) == 1
        assert f"no database at {db}" in capsys.readouterr().err
    assert not db.exists()


def test_import_then_score(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert repute(db, "import", str(write(tmp_path / "small.json", SMALL))) == 0
    report = json_out(capsys, db, "score", "--as-of", "2026-03-01")
    assert report["status"] == "shown"
    # k1 positive ($400: 1.25 jobs), k2 neutral (public 4.0, private 8; 1.5 jobs): 100 * 2 / 2.75
    assert report["exact"] == 72.7273 and report["score"] == 73
    assert set(report["windows"]) == {"3m", "6m", "12m", "24m", "trending"}
    assert [c["id"] for c in report["contracts"]] == ["k2", "k1"]
    assert report["windows"]["24m"] == {
        "score": 72.7273,
        "valid": True,
        "jobs": 2.75,
        "contracts": 2,
        "clients": 2,
    }


def test_second_import_adds_nothing(db: Path, tmp_path: Path) -> None:
    file = write(tmp_path / "small.json", SMALL)
    assert repute(db, "import", str(file)) == 0
    out1 = tmp_path / "one.json"
    assert repute(db, "export", str(out1)) == 0
    assert repute(db, "import", str(file)) == 0
    out2 = tmp_path / "two.json"
    assert repute(db, "export", str(out2)) == 0
    assert out1.read_bytes() == out2.read_bytes()


def test_bad_file_exits_1_with_the_path_and_changes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(write(tmp_path / "small.json", SMALL))) == 0
    before = digest(db)
    bad = json.loads(json.dumps(SMALL))
    bad["contracts"].append({"id": "k3", "client": "a", "kind": "fixed", "started": "2025-13-01"})
    capsys.readouterr()
    assert repute(db, "import", str(write(tmp_path / "bad.json", bad))) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("contracts[2].started:") and "2025-13-01" in err
    assert len(err.splitlines()) == 1
    assert digest(db) == before


def test_usage_errors_exit_2(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert repute(db, "import", str(write(tmp_path / "small.json", SMALL))) == 0
    assert repute(db, "score", "--rules", "nope") == 2
    assert "upwork-2024-09" in capsys.readouterr().err
    assert repute(db, "explain", "--since", "2026-11-26", "--as-of", "2026-11-26") == 2
    assert repute(db, "trend", "--from", "2026-11-26", "--to", "2026-01-01") == 2
    assert repute(db, "score", "--as-of", "2026-02-30") == 2
    assert "'2026-02-30' is not a date" in capsys.readouterr().err


def test_explain_since_causes_add_up(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(SAMPLE)) == 0
    report = json_out(capsys, db, "explain", "--since", "2025-06-01", "--as-of", "2025-08-01")
    assert report["change"] is not None
    total = sum(Decimal(str(c["delta"])) for c in report["causes"])
    assert total == Decimal(str(report["change"]))
    assert all(c["text"] for c in report["causes"])


def test_explain_since_adds_up_as_written(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert repute(db, "import", str(SAMPLE)) == 0
    capsys.readouterr()
    assert repute(db, "explain", "--since", "2025-06-01", "--as-of", "2025-08-01") == 0
    lines = capsys.readouterr().out.splitlines()
    ends, change = lines[0].split(": ", 1)[1].split(" (")
    before, after = (Decimal(x) for x in ends.split(" -> "))
    assert Decimal(change.rstrip(")")) == after - before
    rows = [line for line in lines[3:] if DATED_ROW.match(line)]  # not the closing note
    deltas = [Decimal(line.split()[1]) for line in rows]
    assert deltas and sum(deltas) == after - before


def test_explain_since_counts_the_events_that_moved_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(SAMPLE)) == 0
    report = json_out(capsys, db, "explain", "--since", "2025-06-01", "--as-of", "2026-12-01")
    still = [c for c in report["causes"] if c["delta"] == 0]
    assert still, "the sample's span has contracts leaving windows that were not the best"
    capsys.readouterr()
    assert repute(db, "explain", "--since", "2025-06-01", "--as-of", "2026-12-01") == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line for line in lines[3:] if DATED_ROW.match(line)]
    assert len(rows) == len(report["causes"]) - len(still)
    assert lines[-1] == (
        f"{len(still)} more events in the span did not move the estimate (--json lists every one)"
    )


def test_trend_points_and_csv(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert repute(db, "import", str(write(tmp_path / "small.json", SMALL))) == 0
    report = json_out(
        capsys, db, "trend", "--from", "2026-02-20", "--to", "2026-03-06", "--step", "week"
    )
    assert [p["date"] for p in report["points"]] == ["2026-02-20", "2026-02-27", "2026-03-06"]
    assert report["points"][2]["observed"] == 83  # recorded on 2026-03-01, after the previous point
    assert report["points"][1]["observed"] is None
    capsys.readouterr()
    assert repute(db, "trend", "--from", "2026-11-20", "--to", "2026-11-21", "--csv") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "date,live,official,observed,invites_per_week,proposals_per_week"
    assert lines[1].startswith("2026-11-20,") and lines[1].endswith(",,0.25,0.0")


def test_csv_export_neutralises_formulas(db: Path, tmp_path: Path) -> None:
    assert repute(db, "import", str(write(tmp_path / "small.json", SMALL))) == 0
    out = tmp_path / "contracts.csv"
    assert repute(db, "export", str(out), "--table", "contracts") == 0
    assert "'=Site" in out.read_text(encoding="utf-8")


def test_forecast_lists_coming_moves(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(SAMPLE)) == 0
    report = json_out(capsys, db, "forecast")
    assert report["as_of"] == "2026-11-26"
    dates = [c["date"] for c in report["changes"]]
    assert dates == sorted(dates) and all(d > "2026-11-26" for d in dates)
    assert report["changes"][-1]["status_after"] == "hidden"


def test_export_then_import_gives_the_same_estimate(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert repute(db, "import", str(SAMPLE)) == 0
    exported = tmp_path / "all.json"
    assert repute(db, "export", str(exported)) == 0
    other = tmp_path / "other.sqlite3"
    assert run(["import", str(exported), "--db", str(other)]) == 0  # --db after the command
    for day in ("2024-06-02", "2025-07-29", "2026-11-26"):
        first = json_out(capsys, db, "score", "--as-of", day)
        second = json_out(capsys, other, "score", "--as-of", day)
        assert first == second
    capsys.readouterr()
    again = tmp_path / "again.json"
    assert run(["--db", str(other), "export", str(again)]) == 0
    assert again.read_bytes() == exported.read_bytes()


def test_human_output_reads_at_a_glance(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert repute(db, "import", str(SAMPLE)) == 0
    capsys.readouterr()
    assert repute(db, "score") == 0
    out = capsys.readouterr().out
    assert "Estimate" in out and "95%" in out and "Windows" in out
    assert repute(db, "explain", "--since", "2025-06-01") == 0
    assert "->" in capsys.readouterr().out
    assert repute(db, "forecast") == 0
    assert "leaves the" in capsys.readouterr().out


def test_score_says_the_stats_page_value_is_an_estimate_or_hidden() -> None:
    from datetime import date

    from tracker.cli.text import score_text
    from tracker.engine.reports import score_report
    from tracker.records.model import Log

    text = score_text(score_report(Log(), date(2026, 12, 1)))
    assert "Stats page      hidden: no score is shown on the stats page yet;" in text
    assert "none" not in text and "update of -" not in text


def test_score_gives_the_stats_page_value_as_a_whole_percent_like_the_window(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The window's Overview said "Stats page shows 95%" where `score` said "Stats page 94.6".
    assert repute(db, "import", str(SAMPLE)) == 0
    capsys.readouterr()
    report = json_out(capsys, db, "score", "--as-of", "2026-12-02")
    assert repute(db, "score", "--as-of", "2026-12-02") == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Stats page" in x)
    whole = Decimal(str(report["official"])).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    assert line.startswith(f"  Stats page      {whole}% ({report['official']:.1f}), as estimated")
