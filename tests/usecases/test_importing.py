"""Importing as one use case: the plan says in fields what is added, held back, needing the user
and in conflict, so the command line and the window read the same answer; the store backs up."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from tracker.io.json_format import export_json
from tracker.io.plan_edits import Merge
from tracker.io.summary_lines import HELD_BACK, NEEDS_YOU, OPEN_CONTRACTS
from tracker.records.changes import Change, apply_to_log
from tracker.records.model import Client, Contract, Feedback, Invite, Log
from tracker.store.backups import rolling_backups
from tracker.store.repository import Repository
from tracker.usecases.importing import (
    REPUTE_JSON,
    UPWORK_CSV,
    HeldBack,
    ImportOptions,
    import_into,
    needs_you_after,
    plan_file,
)

HEADER = "Date,Ref ID,Type,Description,Team,Amount\n"
ACME = Client("acme", "Acme")
TYPED = Contract("upwork-1", "acme", "fixed", date(2025, 1, 1), title="Logo", earned=Decimal("900"))
LOGO_PAID = HEADER + '"Feb 1, 2025",5,Fixed Price,"Invoice for Logo (1)",Acme,$900\n'
TWO_NEW = (
    HEADER
    + '"Mar 1, 2025",7,Fixed Price,"Invoice for Site (2)",Acme,$300\n'
    + '"Mar 9, 2025",8,Fixed Price,"Invoice for Docs (3)",Acme,$200\n'
)


def test_payments_for_a_contract_with_a_typed_total_are_held_back_by_name() -> None:
    log = Log(clients=(ACME,), contracts=(TYPED,))
    plan = plan_file("history.csv", LOGO_PAID.encode(), log, frozenset(), ImportOptions())
    assert plan.kind == UPWORK_CSV
    assert plan.is_empty
    assert plan.held_back == (HeldBack("upwork-1", "Logo", 1),)
    (held,) = [line for line in plan.summary if line.role == HELD_BACK]
    assert held.text == "Held back 1 payment for Logo (upwork-1): it has a typed amount earned."
    assert held.printed().endswith("; import again with --replace to use the payments instead.")
    replaced = plan_file(
        "history.csv", LOGO_PAID.encode(), log, frozenset(), ImportOptions(replace=True)
    )
    assert replaced.held_back == ()
    assert TYPED in replaced.change.removed


def test_a_statements_open_contracts_need_you_and_are_listed_apart() -> None:
    plan = plan_file("history.csv", TWO_NEW.encode(), Log(), frozenset(), ImportOptions())
    assert [c.contract.title for c in plan.contracts] == ["Site", "Docs"]
    assert [line.role for line in plan.summary if line.needs_you] == [OPEN_CONTRACTS]
    assert plan.needs_you == (
        "the 2 new contracts are open and have no feedback; when each one ends, add "
        "its end date and feedback.",
    )
    assert not any("New contracts" in line.text for line in plan.done)


def test_a_merge_is_planned_by_the_library_and_counts_what_needs_you_again() -> None:
    first = plan_file("history.csv", TWO_NEW.encode(), Log(), frozenset(), ImportOptions())
    site, docs = (c.contract.id for c in first.contracts)
    merged = plan_file(
        "history.csv",
        TWO_NEW.encode(),
        Log(),
        frozenset(),
        ImportOptions(regroupings=(Merge(away=docs, into=site),)),
    )
    assert [c.contract.id for c in merged.contracts] == [site]
    assert merged.needs_you == (
        "1 new contract is open (Site); when it ends, add its end date and feedback.",
    )
    assert merged.regroup_error is None


def test_a_json_files_open_contracts_need_you_in_the_plan_too() -> None:
    docs = Contract("k-1", "acme", "fixed", date(2025, 5, 1), title="Docs")
    data = export_json(Log(clients=(ACME,), contracts=(docs,)))
    plan = plan_file("log.json", data, Log(), frozenset(), ImportOptions())
    assert plan.kind == REPUTE_JSON
    assert plan.needs_you == (
        "1 new contract is open (Docs); when it ends, add its end date and feedback.",
    )
    assert all(line.role != NEEDS_YOU for line in plan.summary)  # the file's summary is apart


def test_records_that_differ_are_the_plans_conflict_and_nothing_is_planned() -> None:
    log = Log(clients=(ACME,))
    data = export_json(Log(clients=(Client("acme", "Acme Corporation"),)))
    plan = plan_file("log.json", data, log, frozenset(), ImportOptions())
    assert plan.conflict is not None
    assert plan.conflict.differences == ("clients acme differ from the database",)
    assert plan.is_empty
    replaced = plan_file("log.json", data, log, frozenset(), ImportOptions(replace=True))
    assert replaced.conflict is None
    assert apply_to_log(log, replaced.change).clients == (Client("acme", "Acme Corporation"),)


def test_import_into_backs_the_database_up_before_it_writes(tmp_path: Path) -> None:
    repository = Repository.open(tmp_path / "repute.sqlite3", create=True)
    try:
        repository.apply(Change(label="first", added=(Invite("i-1", date(2025, 1, 2)),)))
        plan = import_into(repository, "history.csv", TWO_NEW.encode(), ImportOptions())
        assert len(repository.log().payments) == 2
        assert repository.undo_label == "import history.csv"
        made = [backup.name for backup in rolling_backups(repository.path)]
        assert [name for name in made if name.endswith("-import.sqlite3")] != []
        again = import_into(repository, "history.csv", TWO_NEW.encode(), ImportOptions())
        assert again.is_empty and not plan.is_empty
    finally:
        repository.close()


def test_an_empty_database_has_nothing_to_back_up(tmp_path: Path) -> None:
    repository = Repository.open(tmp_path / "repute.sqlite3", create=True)
    try:
        import_into(repository, "history.csv", TWO_NEW.encode(), ImportOptions())
        assert [b for b in rolling_backups(repository.path) if "import" in b.name] == []
    finally:
        repository.close()


def test_the_needs_you_lines_follow_the_log_they_are_asked_about() -> None:
    """The answer kept for the second plan of a new database is only given for that same log."""
    ended = Contract("k-9", "c-9", "fixed", date(2025, 1, 2), ended=date(2025, 2, 1))
    change = Change("import", added=(Client("c-9"), ended))
    unrated = needs_you_after(Log(), change)
    assert unrated and "without feedback" in unrated[0]
    assert needs_you_after(Log(), change) == unrated
    rated = Log(feedback=(Feedback("k-9", date(2025, 2, 2)),))
    assert needs_you_after(rated, change) == []
    assert needs_you_after(Log(), change) == unrated
