"""The import's memory of how it grouped each statement payment: a migration of its own, written
with the import's change, taken back by undo; and what it lets a later statement find."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from tracker.io.upwork.statement import plan_upwork_import
from tracker.records.changes import Change
from tracker.store.migrations import MIGRATIONS
from tracker.store.repository import Repository

V1 = Path(__file__).resolve().parents[1] / "data" / "schema-v1.sqlite3"
OLDER = "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,Balance\n"
MONDAY = date(2024, 6, 10)


def invoice(n: int, rate: str = "18.00") -> str:
    paid = MONDAY + timedelta(weeks=n)
    start = paid - timedelta(days=7)
    return (
        f'"{paid:%b} {paid.day}, {paid.year}",{700 + n},Hourly,'
        f'"Invoice for {start:%m/%d/%Y}-{start + timedelta(days=6):%m/%d/%Y} - 20:00 hrs @ '
        f'${rate}/hr",,Sam Ortiz,Client Alpha,Sam Ortiz,,$360.00,\n'
    )


def numbered(n: int, number: int) -> str:
    paid = MONDAY + timedelta(weeks=n)
    return (
        f'"{paid:%b} {paid.day}, {paid.year}",{800 + n},Fixed Price,'
        f'"Invoice for Job {number} ({number})",,Sam Ortiz,Client Alpha,,,$100.00,\n'
    )


def statement(rows: list[str]) -> bytes:
    return (OLDER + "".join(rows)).encode()


def import_into(repo: Repository, rows: list[str]) -> Change:
    plan = plan_upwork_import(
        statement(rows), repo.log(), repo.applied_refs(), remembered=repo.import_groups()
    )
    repo.apply(plan.change)
    return plan.change


def refs_by_contract(repo: Repository) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in sorted(repo.log().payments, key=lambda p: p.date):
        found.setdefault(p.contract, []).append(p.ref or "")
    return found


def test_a_version_1_database_gains_the_table(tmp_path: Path) -> None:
    copy = tmp_path / "v1.sqlite3"
    shutil.copy(V1, copy)
    Repository.open(copy, create=False).close()
    with sqlite3.connect(copy) as connection:
        (version,) = connection.execute("PRAGMA user_version").fetchone()
        columns = [row[1] for row in connection.execute("PRAGMA table_info(import_groups)")]
    assert version == len(MIGRATIONS)
    assert columns == ["ref", "grouping", "day"]


def test_the_grouping_is_written_with_the_import_and_undone_with_it(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "db.sqlite3", create=True) as repo:
        change = import_into(repo, [invoice(0), invoice(1)])
        assert repo.import_groups() == (
            ("700", "rate:client alpha|18.00", "2024-06-10"),
            ("701", "rate:client alpha|18.00", "2024-06-17"),
        )
        assert change.import_groups == repo.import_groups()
        repo.undo()
        assert repo.import_groups() == ()
        repo.redo()
        assert len(repo.import_groups()) == 2


def test_a_renamed_hourly_contract_is_continued_by_a_statement_that_does_not_overlap(
    tmp_path: Path,
) -> None:
    with Repository.open(tmp_path / "db.sqlite3", create=True) as repo:
        import_into(repo, [invoice(n) for n in range(3)])
        (old,) = repo.log().contracts
        repo.apply(Change("rename", (replace(old, title="Support for Alpha"),), (old,)))
        import_into(repo, [invoice(n) for n in range(3, 5)])
        assert refs_by_contract(repo) == {old.id: ["700", "701", "702", "703", "704"]}
        assert [c.title for c in repo.log().contracts] == ["Support for Alpha"]


def test_a_merge_is_kept_by_a_statement_that_does_not_overlap(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "db.sqlite3", create=True) as repo:
        import_into(repo, [numbered(0, 11), numbered(1, 22)])
        log = repo.log()
        keep, gone = log.contract_by_id()["upwork-11"], log.contract_by_id()["upwork-22"]
        moved = [p for p in log.payments if p.contract == gone.id]
        repo.apply(
            Change(
                "merge",
                added=tuple(replace(p, contract=keep.id) for p in moved),
                removed=(*moved, gone),
            )
        )
        import_into(repo, [numbered(5, 22)])
        assert [c.id for c in repo.log().contracts] == ["upwork-11"]
        assert refs_by_contract(repo) == {"upwork-11": ["800", "801", "805"]}


def test_a_split_is_kept_by_a_statement_that_does_not_overlap(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "db.sqlite3", create=True) as repo:
        import_into(repo, [numbered(n, 33) for n in range(4)])
        log = repo.log()
        (whole,) = log.contracts
        late = [p for p in log.payments if p.date >= MONDAY + timedelta(weeks=2)]
        part = replace(whole, id="job-33-b", started=late[0].date)
        repo.apply(
            Change(
                "split",
                added=(part, *(replace(p, contract=part.id) for p in late)),
                removed=tuple(late),
            )
        )
        import_into(repo, [numbered(6, 33)])
        assert refs_by_contract(repo) == {
            "upwork-33": ["800", "801"],
            "job-33-b": ["802", "803", "806"],
        }
