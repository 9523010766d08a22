"""Two writers on one database: two repositories, two processes, the command line beside an open
repository. No update is lost, a write made elsewhere is noticed, and an edit or an undo made from
a stale view is refused with a sentence instead of overwriting what the other wrote."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.robustness.cli_runs import integrity
from tests.robustness.processes import PYTHON, REPO_ROOT, SAMPLE, child_env, repute
from tracker.records.changes import Change
from tracker.records.model import Client, Contract, Profile
from tracker.store.errors import StoreError
from tracker.store.repository import Repository

ACME = Client("acme", "Acme")
LOGO = Contract("k-1", "acme", "fixed", date(2025, 1, 3), title="Logo")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "repute.sqlite3"
    with Repository.open(path, create=True) as repository:
        repository.apply(Change("start", added=(ACME, LOGO)))
    return path


def test_two_repositories_writing_in_turn_from_stale_views_lose_nothing(db: Path) -> None:
    with Repository.open(db, create=False) as one, Repository.open(db, create=False) as two:
        one.log()
        two.log()
        for i in range(30):
            one.apply(Change(f"one {i}", added=(Client(f"one-{i:02}", "x"),)))
            two.apply(Change(f"two {i}", added=(Client(f"two-{i:02}", "x"),)))
        assert one.log() == two.log()
        both = one.log()
        assert len(both.clients) == 61
    with Repository.open(db, create=False) as fresh:
        assert fresh.log() == both


def test_two_processes_writing_at_the_same_time_lose_nothing(db: Path, tmp_path: Path) -> None:
    count = 300
    writers = [
        subprocess.Popen(
            [PYTHON, "-m", "tests.robustness.concurrent_writer", str(db), name, str(count)],
            env=child_env(tmp_path / "home"),
            stderr=subprocess.PIPE,
            cwd=REPO_ROOT,
        )
        for name in ("left", "right")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode()
    assert integrity(db) == ["ok"]
    with Repository.open(db, create=False) as repository:
        log = repository.log()
    assert len(log.clients) == 2 * count + 1
    assert len(log.payments) == 2 * count * 3


def test_the_command_line_writing_while_a_repository_is_open(db: Path, tmp_path: Path) -> None:
    with Repository.open(db, create=False) as window:
        before = window.log()
        assert not window.changed_elsewhere()
        imported = repute("--db", str(db), "import", str(SAMPLE), home=tmp_path / "home")
        assert imported.returncode == 0, imported.stderr
        assert window.changed_elsewhere()
        # the window writes before it has read again: both writes are kept
        log = window.apply(Change("mine", added=(Client("mine", "Mine"),)))
        assert len(log.clients) == len(before.clients) + 25 + 1
        assert not window.changed_elsewhere()
    with Repository.open(db, create=False) as fresh:
        assert fresh.log() == log


def test_an_edit_from_a_stale_view_is_refused_not_written_over(db: Path) -> None:
    with Repository.open(db, create=False) as one, Repository.open(db, create=False) as two:
        seen_by_two = two.log()
        one.apply(Change("rename", removed=(LOGO,), added=(replace(LOGO, title="Logo v2"),)))
        stale = seen_by_two.contracts[0]
        with pytest.raises(StoreError, match=r"cannot remove contract .k-1.*differs") as caught:
            two.apply(Change("retitle", removed=(stale,), added=(replace(stale, title="Mine"),)))
        assert caught.value.kind == "conflict"
        assert two.log().contracts[0].title == "Logo v2"


def test_undo_after_another_edit_of_the_same_record_is_refused(db: Path) -> None:
    with Repository.open(db, create=False) as one, Repository.open(db, create=False) as two:
        one.apply(Change("retitle", removed=(LOGO,), added=(replace(LOGO, title="One"),)))
        two.log()
        two.apply(
            Change(
                "retitle again",
                removed=(replace(LOGO, title="One"),),
                added=(replace(LOGO, title="Two"),),
            )
        )
        with pytest.raises(StoreError, match="differs"):
            one.undo()
        assert one.log().contracts[0].title == "Two"


def test_undo_of_a_setting_another_changed_since_is_refused(db: Path) -> None:
    with Repository.open(db, create=False) as one, Repository.open(db, create=False) as two:
        one.apply(Change("rules 2020", settings={"rules": "upwork-2020-11"}))
        two.apply(Change("rules 2024", settings={"rules": "upwork-2024-09"}))
        with pytest.raises(StoreError, match=r"setting .rules.*changed") as caught:
            one.undo()
        assert caught.value.kind == "conflict"
        assert one.log().setting("rules") == "upwork-2024-09"
        assert one.undo_label == "rules 2020"  # still there to try again, nothing half done
        two.undo()  # the other's own undo still works: its value is the stored one
        assert two.log().setting("rules") == "upwork-2020-11"


def test_undo_of_a_profile_another_changed_since_is_refused(db: Path) -> None:
    with Repository.open(db, create=False) as one, Repository.open(db, create=False) as two:
        one.apply(Change("profile", profile=Profile(name="Jane")))
        two.apply(Change("profile again", profile=Profile(name="Jane Doe", currency="EUR")))
        with pytest.raises(StoreError, match=r"profile.*changed"):
            one.undo()
        assert one.log().profile == Profile(name="Jane Doe", currency="EUR")


def test_redo_after_another_changed_the_setting_is_refused(db: Path) -> None:
    with Repository.open(db, create=False) as one, Repository.open(db, create=False) as two:
        one.apply(Change("rules 2020", settings={"rules": "upwork-2020-11"}))
        one.undo()
        two.apply(Change("rules 2024", settings={"rules": "upwork-2024-09"}))
        with pytest.raises(StoreError, match="setting 'rules'"):
            one.redo()
        assert two.log().setting("rules") == "upwork-2024-09"


def test_undo_and_redo_alone_still_work(db: Path) -> None:
    with Repository.open(db, create=False) as one:
        one.apply(Change("rules", settings={"rules": "upwork-2020-11", "x": [1, 2]}))
        one.apply(Change("profile", profile=Profile(name="Jane", joined=date(2020, 1, 1))))
        one.apply(Change("money", removed=(LOGO,), added=(replace(LOGO, refunded=Decimal("1")),)))
        for _ in range(3):
            one.undo()
        assert one.log().settings == () and one.log().profile == Profile()
        for _ in range(3):
            one.redo()
        assert one.log().setting("x") == [1, 2]
        assert one.log().profile.name == "Jane"
