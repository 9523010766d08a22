"""The repository: the log it reads back, a change written whole or not at all, undo and redo."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.store.samples import (
    ACME,
    GLOBEX,
    HOLD,
    INTERIM,
    INVITE,
    LOGO,
    LOGO_FEEDBACK,
    LOGO_PAYMENT,
    NOON,
    PROFILE,
    RETAINER,
    SNAPSHOT,
    WEEK_1,
    WEEK_2,
    adding,
    d,
    dump,
    file_digest,
    money,
    sample_log,
)
from tracker.records.changes import Change
from tracker.records.model import Client, Log, Payment, Profile
from tracker.store.backups import rolling_backups
from tracker.store.errors import StoreError
from tracker.store.repository import Repository


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "repute.sqlite3"


@pytest.fixture
def repo(path: Path) -> Iterator[Repository]:
    repository = Repository.open(path, create=True, clock=lambda: NOON)
    yield repository
    repository.close()


@pytest.fixture
def filled(repo: Repository) -> Repository:
    repo.apply(adding(sample_log()))
    return repo


def read_fresh(path: Path) -> Log:
    with Repository.open(path, create=False) as other:
        return other.log()


def test_a_new_database_holds_the_empty_log(repo: Repository) -> None:
    assert repo.log() == Log()
    assert repo.applied_refs() == frozenset()
    assert repo.undo_label is None and repo.redo_label is None


def test_a_reading_open_of_a_missing_database_is_refused(path: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        Repository.open(path, create=False)


def test_what_apply_returns_is_what_the_file_holds(repo: Repository, path: Path) -> None:
    returned = repo.apply(adding(sample_log()))
    assert returned == sample_log()
    assert repo.log() == sample_log()
    assert read_fresh(path) == sample_log()


def test_records_come_back_in_the_stable_order_whatever_the_order_written(
    repo: Repository, path: Path
) -> None:
    scrambled = adding(sample_log())
    scrambled = replace(scrambled, added=tuple(reversed(scrambled.added)))
    assert repo.apply(scrambled) == sample_log()
    assert read_fresh(path) == sample_log()


def test_payments_on_one_day_come_by_ref_then_amount_whatever_the_order_written(
    repo: Repository, path: Path
) -> None:
    big = Payment("k-2", d("2025-02-08"), money("100.00"))
    small = Payment("k-2", d("2025-02-08"), money("11.00"))
    refd = Payment("k-2", d("2025-02-08"), money("5.00"), "A-1")
    repo.apply(Change("client", added=(GLOBEX, RETAINER)))
    repo.apply(Change("first", added=(big, refd)))
    log = repo.apply(Change("second", added=(small, small)))
    assert log.payments == (small, small, big, refd)  # no ref before a ref; 11 before 100
    assert read_fresh(path).payments == log.payments


def test_undoing_the_removal_of_one_of_two_like_payments_gives_back_the_same_log(
    repo: Repository,
) -> None:
    ten, cent = (
        Payment("k-2", d("2025-02-08"), money("10")),
        Payment("k-2", d("2025-02-08"), money("0.01")),
    )
    repo.apply(Change("client", added=(GLOBEX, RETAINER)))
    before = repo.apply(Change("pay", added=(ten, cent, ten)))
    repo.apply(Change("remove one", removed=(ten,)))
    repo.undo()
    assert repo.log() == before


def test_money_keeps_its_exact_decimal_text(filled: Repository, path: Path) -> None:
    payment = read_fresh(path).payments[0]
    assert str(payment.amount) == "450.0"
    assert str(read_fresh(path).contracts[1].refunded) == "12.50"


def test_undo_and_redo_restore_the_exact_log(filled: Repository, path: Path) -> None:
    before = filled.log()
    retitled = replace(LOGO, title="Logo, second round")
    change = Change(
        "retitle contract 'Logo redesign'",
        added=(retitled, Payment("k-1", d("2025-03-01"), money("50"))),
        removed=(LOGO, WEEK_2),
        profile=Profile("upwork", "Jane Q. Doe"),
        settings={"rules": "upwork-2024-09", "window": None, "new": [1, 2]},
        applied_refs=("TX-9",),
    )
    after = filled.apply(change)
    assert filled.undo_label == "retitle contract 'Logo redesign'"

    assert filled.undo() == change
    assert filled.log() == before == read_fresh(path)
    assert filled.applied_refs() == frozenset()
    assert filled.undo_label == "add the sample log"
    assert filled.redo_label == "retitle contract 'Logo redesign'"

    assert filled.redo() == change
    assert filled.log() == after == read_fresh(path)
    assert filled.applied_refs() == {"TX-9"}
    assert filled.redo_label is None


def test_undo_everything_then_redo_everything(repo: Repository, path: Path) -> None:
    logs = [repo.log()]
    logs.append(repo.apply(Change("clients", added=(ACME, GLOBEX))))
    logs.append(repo.apply(Change("contracts", added=(LOGO, RETAINER))))
    logs.append(repo.apply(Change("payments", added=(LOGO_PAYMENT, WEEK_1, WEEK_1))))
    for expected in reversed(logs[:-1]):
        assert repo.undo() is not None
        assert repo.log() == expected == read_fresh(path)
    assert repo.undo() is None
    for expected in logs[1:]:
        assert repo.redo() is not None
        assert repo.log() == expected == read_fresh(path)
    assert repo.redo() is None


def test_a_new_change_clears_redo(filled: Repository) -> None:
    filled.apply(Change("snapshot", removed=(SNAPSHOT,)))
    filled.undo()
    assert filled.redo_label == "snapshot"
    filled.apply(Change("hold", removed=(HOLD,)))
    assert filled.redo_label is None
    assert filled.redo() is None


def test_an_empty_change_writes_nothing_and_is_not_undoable(filled: Repository) -> None:
    assert filled.apply(Change("nothing")) == sample_log()
    assert filled.undo_label == "add the sample log"


def test_undo_forgets_only_the_refs_the_change_added(repo: Repository) -> None:
    repo.apply(Change("first import", applied_refs=("TX-1", "TX-2")))
    repo.apply(Change("second import", applied_refs=("TX-2", "TX-3")))
    assert repo.applied_refs() == {"TX-1", "TX-2", "TX-3"}
    repo.undo()
    assert repo.applied_refs() == {"TX-1", "TX-2"}


def test_settings_come_back_as_json_gives_them(repo: Repository, path: Path) -> None:
    log = repo.apply(Change("settings", settings={"b": (1, 2), "a": {"x": 1.5}, "c": None}))
    assert log.settings == (("a", {"x": 1.5}), ("b", [1, 2]))
    assert read_fresh(path).settings == log.settings


def test_replacing_a_contract_while_its_payments_point_at_it(
    filled: Repository, path: Path
) -> None:
    retitled = replace(LOGO, title="Logo v2")
    log = filled.apply(Change("retitle", added=(retitled,), removed=(LOGO,)))
    assert log.contract_by_id()["k-1"] == retitled
    assert read_fresh(path) == log


def test_removing_a_contract_with_its_payments_and_feedback(filled: Repository, path: Path) -> None:
    change = Change("remove 'Logo'", removed=(LOGO, LOGO_PAYMENT, LOGO_FEEDBACK))
    log = filled.apply(change)
    assert "k-1" not in log.contract_by_id()
    assert read_fresh(path) == log


def refused(repo: Repository, path: Path, change: Change, message: str) -> StoreError:
    """Apply a change that must fail; check the file and the repository are exactly as before."""
    before_dump, before_log, label = dump(path), repo.log(), repo.undo_label
    with pytest.raises(StoreError, match=message) as caught:
        repo.apply(change)
    assert caught.value.kind == "conflict"
    assert dump(path) == before_dump
    assert repo.log() == before_log == read_fresh(path)
    assert repo.undo_label == label
    return caught.value


def test_removing_a_record_that_is_not_there_changes_nothing(
    filled: Repository, path: Path
) -> None:
    ghost = Client("ghost", "Nobody")
    refused(
        filled,
        path,
        Change("remove", added=(Client("new"),), removed=(INVITE, ghost)),
        r"cannot remove client 'ghost': it is not there",
    )


def test_removing_a_record_that_differs_from_the_stored_one_changes_nothing(
    filled: Repository, path: Path
) -> None:
    stale = replace(ACME, name="Acme (old name)")
    refused(
        filled,
        path,
        Change("remove", removed=(stale,)),
        r"cannot remove client 'acme': the stored one differs",
    )


def test_removing_one_payment_more_than_there_are_changes_nothing(
    filled: Repository, path: Path
) -> None:
    refused(
        filled,
        path,
        Change("remove", removed=(WEEK_1, WEEK_1)),
        r"cannot remove payment of 120.00 to contract 'k-2' on 2025-02-08: it is not there",
    )


@pytest.mark.parametrize(
    ("record", "named"),
    [
        (Client("acme", "Another Acme"), "client 'acme'"),
        (
            replace(LOGO_FEEDBACK, stars=money("3")),
            "final feedback on contract 'k-1' of 2025-03-02",
        ),
        (replace(HOLD, note="again"), "account_hold event of 2025-04-01"),
    ],
)
def test_adding_a_key_that_is_there_changes_nothing(
    filled: Repository, path: Path, record: object, named: str
) -> None:
    refused(
        filled,
        path,
        Change("add", added=(Client("new"), record)),  # type: ignore[arg-type]
        f"cannot add {named}: one is already there",
    )


def test_a_payment_to_a_missing_contract_changes_nothing(filled: Repository, path: Path) -> None:
    orphan = Payment("k-404", d("2025-05-01"), money("10"))
    refused(
        filled,
        path,
        Change("pay", added=(Client("new"), orphan)),
        r"payment of 10 to contract 'k-404' on 2025-05-01 refers to contract 'k-404'",
    )


def test_removing_a_contract_but_not_its_payments_changes_nothing(
    filled: Repository, path: Path
) -> None:
    refused(
        filled,
        path,
        Change("remove 'Logo'", removed=(LOGO, LOGO_FEEDBACK)),
        r"payment of 450.0 to contract 'k-1' .* refers to contract 'k-1', which is not there",
    )


def test_removing_a_client_that_still_has_contracts_changes_nothing(
    filled: Repository, path: Path
) -> None:
    refused(
        filled,
        path,
        Change("remove", removed=(GLOBEX,)),
        r"contract 'k-2' refers to client 'globex', which is not there",
    )


def test_a_failed_undo_keeps_both_stacks(repo: Repository, path: Path) -> None:
    repo.apply(Change("clients", added=(ACME,)))
    with Repository.open(path, create=False) as elsewhere:
        elsewhere.apply(Change("contract elsewhere", added=(replace(LOGO, client="acme"),)))
    with pytest.raises(StoreError, match="contract 'k-1' refers to client 'acme'"):
        repo.undo()
    assert repo.undo_label == "clients"
    assert repo.redo_label is None


def test_another_connections_write_is_noticed_and_read(path: Path) -> None:
    with (
        Repository.open(path, create=True) as window,
        Repository.open(path, create=False) as command,
    ):
        assert window.log() == command.log() == Log()
        assert not window.changed_elsewhere()
        command.apply(adding(sample_log()))
        assert not command.changed_elsewhere()  # its own write is not "elsewhere"
        assert window.changed_elsewhere()
        assert window.log() == sample_log()
        assert not window.changed_elsewhere()


def test_a_change_from_outside_drops_the_history_once(repo: Repository, path: Path) -> None:
    repo.apply(Change("clients", added=(ACME,)))
    assert not repo.take_outside_change()
    assert repo.undo_label == "clients"
    with Repository.open(path, create=False) as elsewhere:
        elsewhere.apply(Change("contract elsewhere", added=(replace(LOGO, client="acme"),)))
    repo.log()  # a read notices the write first: the history goes all the same
    assert repo.take_outside_change()
    assert repo.undo_label is None and repo.redo_label is None
    assert [c.id for c in repo.log().contracts] == [LOGO.id]
    assert not repo.take_outside_change()


def test_a_write_on_a_stale_cache_returns_the_log_with_both_writes(path: Path) -> None:
    with (
        Repository.open(path, create=True) as window,
        Repository.open(path, create=False) as command,
    ):
        window.log()
        command.apply(Change("clients", added=(ACME,)))
        log = window.apply(Change("more", added=(GLOBEX,)))
        assert log.clients == (ACME, GLOBEX)
        assert log == read_fresh(path)


def test_a_full_disk_gives_a_store_error_and_no_half_write(filled: Repository, path: Path) -> None:
    before_dump, before_log = dump(path), filled.log()
    filled._connection.execute("PRAGMA max_page_count = 1")  # as full as a disk gets
    many = tuple(Client(f"c-{n:05}", "x" * 200) for n in range(2000))
    with pytest.raises(StoreError, match="the disk is full") as caught:
        filled.apply(Change("many clients", added=many))
    assert caught.value.kind == "disk_full"
    assert dump(path) == before_dump
    assert filled.log() == before_log


def test_a_damaged_database_is_reported_as_such(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    with Repository.open(path, create=True) as repo:
        many = tuple(Client(f"c-{n:05}", "x" * 200) for n in range(500))
        repo.apply(Change("many clients", added=many))
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(3 * page_size, len(data) - page_size, page_size):
        data[offset : offset + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="is damaged") as caught:
        Repository.open(path, create=False).log()
    assert caught.value.kind == "damaged"


def test_the_first_write_of_each_day_leaves_one_daily_backup(path: Path) -> None:
    now = [NOON]
    with Repository.open(path, create=True, clock=lambda: now[0]) as repo:
        repo.apply(Change("first", added=(ACME,)))  # nothing stored before it: nothing to keep
        assert not (path.parent / "backups").exists()
        repo.apply(Change("second", added=(GLOBEX,)))
        repo.apply(Change("third", removed=(GLOBEX,)))
        assert [p.name for p in rolling_backups(path)] == [
            "repute-20261126-120000-000000-daily.sqlite3"
        ]
        now[0] = NOON + timedelta(days=1)
        repo.undo()
        assert len(rolling_backups(path)) == 2
    first = path.parent / "backups" / "repute-20261126-120000-000000-daily.sqlite3"
    assert read_fresh(first).clients == (ACME,)


def test_the_daily_backup_holds_the_state_before_the_first_write(path: Path) -> None:
    morning = datetime(2026, 11, 27, 8, 0)
    with Repository.open(path, create=True, clock=lambda: NOON) as repo:
        repo.apply(adding(sample_log()))
    with Repository.open(path, create=False, clock=lambda: morning) as repo:
        repo.apply(Change("remove hold", removed=(HOLD,)))
    copy = path.parent / "backups" / "repute-20261127-080000-000000-daily.sqlite3"
    assert read_fresh(copy) == sample_log()


def test_a_change_over_many_tables_round_trips(filled: Repository, path: Path) -> None:
    change = Change(
        "edit",
        added=(replace(INTERIM, comment="fine"), replace(RETAINER, ended=d("2025-09-01"))),
        removed=(INTERIM, RETAINER),
        profile=replace(PROFILE, joined=None),
    )
    log = filled.apply(change)
    assert log == read_fresh(path)
    filled.undo()
    assert filled.log() == sample_log() == read_fresh(path)


def test_the_connection_enforces_foreign_keys(filled: Repository) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        filled._connection.execute("DELETE FROM clients WHERE id = 'acme'")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder anyway")
def test_a_database_in_a_read_only_folder_refuses_writes_with_a_clear_error(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "locked"
    path = folder / "repute.sqlite3"
    with Repository.open(path, create=True) as repo:
        repo.apply(adding(sample_log()))
    before = file_digest(path)
    folder.chmod(0o500)
    try:
        with (
            pytest.raises(StoreError, match=r"repute\.sqlite3") as caught,
            Repository.open(path, create=True) as repo,
        ):
            repo.apply(Change("remove hold", removed=(HOLD,)))
        assert caught.value.kind in ("read_only", "permission")
    finally:
        folder.chmod(0o700)
    assert file_digest(path) == before
    assert read_fresh(path) == sample_log()
