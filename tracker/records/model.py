"""The records of a freelancer's log, as frozen values.

Every record is immutable; a change is a new Log. Money is `Decimal` (two places at most), dates are
`datetime.date`, and nothing here knows about files, SQLite or Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

CONTRACT_KINDS = ("hourly", "fixed")
CLOSED_BY = ("client", "freelancer", "marketplace")
END_REASONS = (
    "completed",
    "no_longer_needed",
    "client_unresponsive",
    "freelancer_unresponsive",
    "quality",
    "deadline",
    "scope",
    "other",
)
FEEDBACK_KINDS = ("final", "interim")
SUB_SCORES = ("skills", "quality", "availability", "deadlines", "communication", "cooperation")
INVITE_STATUSES = ("pending", "accepted", "declined", "ignored", "hired")
PROPOSAL_STATUSES = ("sent", "viewed", "interviewed", "hired", "declined", "withdrawn")
EVENT_KINDS = ("account_hold", "profile_change", "badge", "note")

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Profile:
    platform: str = "upwork"
    name: str = ""
    currency: str = "USD"
    joined: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Client:
    id: str
    name: str = ""
    country: str = ""
    flagged: bool = False


@dataclass(frozen=True, slots=True)
class Contract:
    id: str
    client: str
    kind: str
    started: dt.date
    title: str = ""
    ended: dt.date | None = None
    closed_by: str | None = None
    end_reason: str | None = None
    disputed: bool = False
    refunded: Decimal = ZERO
    earned: Decimal | None = None
    last_paid: dt.date | None = None
    category: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Payment:
    contract: str
    date: dt.date
    amount: Decimal
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Feedback:
    contract: str
    date: dt.date
    kind: str = "final"
    stars: Decimal | None = None
    private: int | None = None
    private_is_guess: bool = False
    # Sub-scores as sorted (name, value) pairs so the record stays hashable.
    scores: tuple[tuple[str, Decimal], ...] = ()
    comment: str = ""

    @property
    def key(self) -> tuple[str, dt.date, str]:
        """A feedback is identified by its contract, date and kind."""
        return (self.contract, self.date, self.kind)

    def score(self, name: str) -> Decimal | None:
        for key, value in self.scores:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Invite:
    id: str
    date: dt.date
    job: str = ""
    client: str | None = None
    rate: Decimal | None = None
    status: str = "pending"
    responded: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    id: str
    date: dt.date
    job: str = ""
    connects: int | None = None
    status: str = "sent"


@dataclass(frozen=True, slots=True)
class Snapshot:
    date: dt.date
    jss: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class CountedMark:
    """What the marketplace's Job Success insights page showed for a contract on a date: listed as
    counting toward the score, or as not counting."""

    contract: str
    date: dt.date
    counted: bool = False

    @property
    def key(self) -> tuple[str, dt.date]:
        """One mark per contract and date."""
        return (self.contract, self.date)


@dataclass(frozen=True, slots=True)
class Event:
    date: dt.date
    kind: str
    until: dt.date | None = None
    note: str = ""

    @property
    def key(self) -> tuple[dt.date, str]:
        """An event is identified by its date and kind."""
        return (self.date, self.kind)


@dataclass(frozen=True, slots=True)
class Log:
    """Everything Repute knows about one freelancer: the input of every engine function."""

    profile: Profile = field(default_factory=Profile)
    settings: tuple[tuple[str, object], ...] = ()
    clients: tuple[Client, ...] = ()
    contracts: tuple[Contract, ...] = ()
    payments: tuple[Payment, ...] = ()
    feedback: tuple[Feedback, ...] = ()
    invites: tuple[Invite, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()
    events: tuple[Event, ...] = ()
    counted_marks: tuple[CountedMark, ...] = ()

    def setting(self, name: str, default: object = None) -> object:
        for key, value in self.settings:
            if key == name:
                return value
        return default

    def client_by_id(self) -> dict[str, Client]:
        return {c.id: c for c in self.clients}

    def contract_by_id(self) -> dict[str, Contract]:
        return {c.id: c for c in self.contracts}
