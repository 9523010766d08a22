"""The clients a statement names, matched to the log's by name (case and spaces ignored).

A work history knows a client only by the marketplace's id; its stand-in client ("Client 4401")
is never taken for a statement's client of that name, and a contract with such a client is one a
work history made (its payments come from a statement later).
"""

from __future__ import annotations

from tracker.io.upwork.titles import client_slug, name_key
from tracker.io.upwork.work_history import WORK_HISTORY_CLIENT_PREFIX
from tracker.records.model import Client, Contract, Log


def from_work_history(contract: Contract) -> bool:
    """A contract a work history made: its client is known by the marketplace's id only."""
    return contract.client.startswith(WORK_HISTORY_CLIENT_PREFIX)


class ClientFinder:
    """Client ids by name: the log's client of that name, else its slug; new ones are collected."""

    def __init__(self, existing: Log) -> None:
        # A work history's stand-in ("Client 4401") is no client a statement can name.
        self.by_name = {
            name_key(c.name): c.id
            for c in existing.clients
            if c.name and not c.id.startswith(WORK_HISTORY_CLIENT_PREFIX)
        }
        self.ids = {c.id for c in existing.clients}
        self.new: list[Client] = []

    def id_for(self, name: str) -> str:
        key = name_key(name)
        if key not in self.by_name:
            slug = client_slug(name)
            if slug not in self.ids:
                self.ids.add(slug)
                self.new.append(Client(id=slug, name=" ".join(name.split())))
            self.by_name[key] = slug
        return self.by_name[key]
