"""Small readable logs for the engine's tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.records.changes import Change
from tracker.records.model import (
    Client,
    Contract,
    CountedMark,
    Event,
    Feedback,
    Log,
    Payment,
    Snapshot,
)


def d(text: str) -> date:
    return date.fromisoformat(text)


class LogBuilder:
    """Builds a Log one contract at a time: `b.job("k1", "acme", "2025-01-01", ended=...)`."""

    def __init__(self) -> None:
        self.clients: dict[str, Client] = {}
        self.contracts: list[Contract] = []
        self.payments: list[Payment] = []
        self.feedback: list[Feedback] = []
        self.events: list[Event] = []
        self.snapshots: list[Snapshot] = []
        self.marks: list[CountedMark] = []

    def client(self, cid: str, flagged: bool = False) -> LogBuilder:
        self.clients[cid] = Client(cid, name=cid, flagged=flagged)
        return self

    def job(
        self,
        cid: str,
        client: str,
        started: str,
        ended: str | None = None,
        pays: Iterable[tuple[str, Any]] = (),
        stars: Any = None,
        private: int | None = None,
        fb_date: str | None = None,
        fb_kind: str = "final",
        kind: str = "fixed",
        scores: dict[str, Any] | None = None,
        guess: bool = False,
        **extra: Any,
    ) -> LogBuilder:
        self.clients.setdefault(client, Client(client, name=client))
        for key in ("earned", "refunded"):
            if key in extra and extra[key] is not None:
                extra[key] = Decimal(str(extra[key]))
        if extra.get("last_paid"):
            extra["last_paid"] = d(extra["last_paid"])
        self.contracts.append(
            Contract(
                cid,
                client,
                kind,
                d(started),
                title=extra.pop("title", cid),
                ended=d(ended) if ended else None,
                **extra,
            )
        )
        for day, amount in pays:
            self.payments.append(Payment(cid, d(day), Decimal(str(amount))))
        if stars is not None or private is not None or scores:
            when = fb_date or ended or started
            self.feedback.append(
                Feedback(
                    cid,
                    d(when),
                    fb_kind,
                    stars=Decimal(str(stars)) if stars is not None else None,
                    private=private,
                    private_is_guess=guess,
                    scores=tuple(sorted((k, Decimal(str(v))) for k, v in (scores or {}).items())),
                )
            )
        return self

    def fb(
        self, cid: str, day: str, stars: Any = None, private: int | None = None, kind: str = "final"
    ) -> LogBuilder:
        self.feedback.append(
            Feedback(
                cid,
                d(day),
                kind,
                stars=Decimal(str(stars)) if stars is not None else None,
                private=private,
            )
        )
        return self

    def hold(self, day: str, until: str | None = None) -> LogBuilder:
        self.events.append(Event(d(day), "account_hold", d(until) if until else None))
        return self

    def snapshot(self, day: str, jss: int) -> LogBuilder:
        self.snapshots.append(Snapshot(d(day), jss))
        return self

    def mark(self, contract: str, day: str, counted: bool) -> LogBuilder:
        """What the marketplace's insights page listed: counting or not, on `day`."""
        self.marks.append(CountedMark(contract, d(day), counted))
        return self

    def build(self) -> Log:
        return Log(
            clients=tuple(sorted(self.clients.values(), key=lambda c: c.id)),
            contracts=tuple(sorted(self.contracts, key=lambda c: c.id)),
            payments=tuple(self.payments),
            feedback=tuple(self.feedback),
            events=tuple(self.events),
            snapshots=tuple(self.snapshots),
            counted_marks=tuple(self.marks),
        )


def five_star_jobs(
    b: LogBuilder,
    n: int,
    start: str,
    amount: Any = 500,
    prefix: str = "g",
    client_prefix: str = "c",
    gap_days: int = 7,
) -> LogBuilder:
    """n one-day fixed jobs, each for a new client, paid and rated 5 stars on the day."""
    from datetime import timedelta

    day0 = d(start)
    for i in range(n):
        day = (day0 + timedelta(days=i * gap_days)).isoformat()
        b.job(
            f"{prefix}{i + 1}",
            f"{client_prefix}{i + 1}",
            day,
            ended=day,
            pays=[(day, amount)],
            stars=5,
        )
    return b


def calibrated(
    log: Log, save_name: str | None, progress: Callable[[int, int], None] | None = None
) -> tuple[dict[str, Any], Change | None]:
    """`calibrate_report` as `calibrate --json` writes it: 4 places, ISO dates, interface keys."""
    from tracker.cli.json_out import calibration_json
    from tracker.engine.calibration.fit import calibrate_report

    report, change = calibrate_report(log, save_name, progress)
    return calibration_json(report), change
