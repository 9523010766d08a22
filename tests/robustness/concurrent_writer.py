"""A process that adds its own records to a database, many small changes, while others do too.

`python -m tests.robustness.concurrent_writer DB NAME COUNT`: COUNT changes, each adding client
NAME-i with a contract and three payments; exits 0 when all are written. Two of them at once on
one file must leave 2 x COUNT clients: no update lost, none refused for the lock.
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

from tracker.records.changes import Change
from tracker.records.model import Client, Contract, Payment
from tracker.store.repository import Repository


def change(name: str, i: int) -> Change:
    client = Client(f"{name}-{i:04}", f"{name} {i}")
    contract = Contract(f"k-{name}-{i:04}", client.id, "fixed", date(2025, 1, 1))
    payments = tuple(
        Payment(contract.id, date(2025, 1, 2 + day), Decimal("10.00"), f"{name}-{i}-{day}")
        for day in range(3)
    )
    return Change(f"{name} {i}", added=(client, contract, *payments))


def main() -> int:
    path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    with Repository.open(path, create=True) as repository:
        for i in range(count):
            repository.apply(change(name, i))
    return 0


if __name__ == "__main__":
    sys.exit(main())
