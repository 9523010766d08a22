"""An agency-sized log (10,000 contracts, 20,000 payments, 100,000 invites) loads whole, and an
edit to it does not read it all again.

How fast is bench/'s business: a timing bound in pytest fails on a busy machine, so these tests
hold what makes it fast (no reload after an edit) rather than the seconds.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.records.changes import Change
from tracker.records.model import Client, Contract, Feedback, Invite, Payment
from tracker.store import repository as repository_module
from tracker.store.repository import Repository

START = date(2015, 1, 1)


def agency_change() -> Change:
    def day(n: int) -> date:
        return START + timedelta(days=n % 3650)

    clients = [Client(f"c-{n:04}", f"Client {n}", "US") for n in range(1000)]
    contracts = [
        Contract(f"k-{n:05}", f"c-{n % 1000:04}", "fixed", day(n), f"Job {n}", day(n + 30))
        for n in range(10_000)
    ]
    payments = [
        Payment(f"k-{n % 10_000:05}", day(n + 1), Decimal("123.45"), f"TX-{n}" if n % 2 else None)
        for n in range(20_000)
    ]
    feedback = [
        Feedback(
            f"k-{n:05}", day(n + 31), "final", Decimal("4.8"), 9, False, (("quality", Decimal(5)),)
        )
        for n in range(8_000)
    ]
    invites = [
        Invite(f"i-{n:06}", day(n), "job", None, Decimal("40.00"), "accepted", day(n))
        for n in range(100_000)
    ]
    return Change("agency", added=(*clients, *contracts, *payments, *feedback, *invites))


@pytest.fixture(scope="module")
def agency_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("agency") / "repute.sqlite3"
    with Repository.open(path, create=True) as repo:
        repo.apply(agency_change())
    return path


def test_an_agency_log_loads_whole(agency_db: Path) -> None:
    with Repository.open(agency_db, create=False) as repo:
        log = repo.log()
    assert (len(log.contracts), len(log.payments), len(log.invites)) == (10_000, 20_000, 100_000)


def test_one_edit_on_an_agency_log_does_not_read_it_all_again(
    agency_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Repository.open(agency_db, create=False) as repo:
        repo.apply(Change("first edit of the day", added=(Client("first"),)))  # and its backup
        reads: list[object] = []
        real_load = repository_module.load_log
        monkeypatch.setattr(
            repository_module, "load_log", lambda *a, **k: reads.append(a) or real_load(*a, **k)
        )
        log = repo.apply(Change("one client", added=(Client("new"),)))
    assert len(log.clients) == 1002
    assert reads == []  # the edit is applied to the log in memory, not read back
