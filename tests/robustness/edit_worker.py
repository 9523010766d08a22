"""A process that edits a database without end, saying on stdout each edit it has finished.

`python -m tests.robustness.edit_worker DB`: round n adds client c-n with contract k-n (title v0),
PAYMENTS payments and a feedback, in one change ("A n"); then replaces k-n by its v1 and adds the
payment B-n, in one change ("B n"); every fourth round undoes that ("U n") and redoes it ("R n").
The crash tests kill it at random moments and check that each step is in the file whole or not at
all, and that every step it reported is there.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from tracker.records.changes import Change
from tracker.records.model import Client, Contract, Feedback, Payment
from tracker.store.repository import Repository

PAYMENTS = 40
STARTED = date(2025, 1, 6)


def first_step(n: int) -> Change:
    contract = Contract(f"k-{n:05}", f"c-{n:05}", "hourly", STARTED, title="v0")
    payments = tuple(
        Payment(contract.id, date(2025, 2, 1 + i % 28), Decimal(f"{10 + i}.25"), f"P-{n}-{i}")
        for i in range(PAYMENTS)
    )
    feedback = Feedback(contract.id, date(2025, 3, 1), "interim", stars=Decimal("4.5"))
    return Change(
        f"A {n}",
        added=(Client(f"c-{n:05}", f"Client {n}"), contract, *payments, feedback),
    )


def second_step(n: int) -> Change:
    old = Contract(f"k-{n:05}", f"c-{n:05}", "hourly", STARTED, title="v0")
    return Change(
        f"B {n}",
        removed=(old,),
        added=(replace(old, title="v1"), Payment(old.id, date(2025, 4, 1), Decimal("5"), f"B-{n}")),
    )


def main() -> int:
    path = Path(sys.argv[1])
    say = sys.stdout
    with Repository.open(path, create=True, clock=datetime.now) as repository:
        start = len(repository.log().clients)
        n = start
        while True:
            repository.apply(first_step(n))
            say.write(f"A {n}\n")
            say.flush()
            repository.apply(second_step(n))
            say.write(f"B {n}\n")
            say.flush()
            if n % 4 == 3:
                repository.undo()
                say.write(f"U {n}\n")
                say.flush()
                repository.redo()
                say.write(f"R {n}\n")
                say.flush()
            n += 1


if __name__ == "__main__":
    sys.exit(main())
