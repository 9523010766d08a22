"""What removing records takes with it: one rule for the log pages, the what-if file and sandbox.

- A contract goes with its payments, feedback and counted marks: they mean nothing without it.
- A client that contracts or invites still name is refused (`ClientInUse`, naming them), unless
  those contracts go too: a person deleting a client must not lose its work unseen.
- Only when asked (`with_clients_records=True`, what `whatif --change` means by "remove this
  client": what if I had never worked for them) does a client take its contracts along (with
  theirs), and the invites that name it stay, without the client.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from tracker.records.changes import Change, Record
from tracker.records.model import Client, Contract, CountedMark, Feedback, Invite, Log, Payment


class ClientInUse(ValueError):
    """A client removed while contracts or invites not removed with it still name it."""

    def __init__(
        self, client: Client, contracts: tuple[Contract, ...], invites: tuple[Invite, ...]
    ) -> None:
        uses = [f"contract {c.id}" for c in contracts] + [f"invite {i.id}" for i in invites]
        super().__init__(f"client {client.id} is still named by {', '.join(uses)}")
        self.client = client
        self.contracts = contracts
        self.invites = invites


@dataclass(frozen=True)
class Removal:
    """The records chosen, what goes with them, and the invites kept without their client."""

    chosen: tuple[Record, ...]
    taken: tuple[Record, ...] = ()  # contracts of removed clients, payments, feedback, marks
    unnamed: tuple[tuple[Invite, Invite], ...] = ()  # (the invite, the same without client)

    @property
    def contracts(self) -> frozenset[str]:
        """The ids of every contract that goes."""
        return frozenset(r.id for r in (*self.chosen, *self.taken) if isinstance(r, Contract))

    @property
    def records(self) -> tuple[Record, ...]:
        """Every record of the log this removal takes away (the renamed invites not counted)."""
        return (*self.chosen, *self.taken)

    def change(self, label: str) -> Change:
        return Change(
            label=label,
            removed=(*self.records, *(old for old, _ in self.unnamed)),
            added=tuple(new for _, new in self.unnamed),
        )


def removal(records: Iterable[Record], log: Log, *, with_clients_records: bool = False) -> Removal:
    """What removing `records` from `log` removes, by the rule above.

    Raises:
        ClientInUse: a client still named by contracts or invites that stay, unless
            `with_clients_records`.
    """
    chosen = tuple(records)
    picked = set(chosen)
    clients = {r.id for r in chosen if isinstance(r, Client)}
    contracts = {r.id for r in chosen if isinstance(r, Contract)}
    taken: list[Record] = []
    unnamed: list[tuple[Invite, Invite]] = []
    if with_clients_records:
        owned = [c for c in log.contracts if c.client in clients and c.id not in contracts]
        taken += owned
        contracts |= {c.id for c in owned}
        unnamed = [
            (i, replace(i, client=None))
            for i in log.invites
            if i.client in clients and i not in picked
        ]
    else:
        _refuse_clients_in_use(chosen, contracts, picked, log)
    taken += [
        r
        for table in (log.payments, log.feedback, log.counted_marks)
        for r in table
        if _of_contract(r) in contracts and r not in picked
    ]
    return Removal(chosen, tuple(taken), tuple(unnamed))


def _of_contract(record: Record) -> str | None:
    if isinstance(record, (Payment, Feedback, CountedMark)):
        return record.contract
    return None


def _refuse_clients_in_use(
    chosen: tuple[Record, ...], contracts: set[str], picked: set[Record], log: Log
) -> None:
    for client in (r for r in chosen if isinstance(r, Client)):
        kept = tuple(c for c in log.contracts if c.client == client.id and c.id not in contracts)
        invites = tuple(i for i in log.invites if i.client == client.id and i not in picked)
        if kept or invites:
            raise ClientInUse(client, kept, invites)
