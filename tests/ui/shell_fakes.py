"""Small stand-ins for the repository and the engine, in the shapes the window reads.

The fake engine is deliberately simple (share of positive feedback per window) but every dict has
the keys of interface.md, so a page that reads a key the engine does not give fails here too.
"""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from tracker.records.changes import Change, apply_to_log
from tracker.records.kinds import TABLE_NAMES
from tracker.records.model import Contract, Feedback, Log

WINDOW_MONTHS = {"3m": 3, "6m": 6, "12m": 12, "24m": 24}


def _inverse(change: Change, before: Log) -> Change:
    return Change(
        label=change.label,
        added=change.removed,
        removed=change.added,
        profile=before.profile if change.profile is not None else None,
        settings={key: before.setting(key) for key in (change.settings or {})} or None,
    )


def _scratch_path() -> Path:
    """Where a fake made without a path would keep its backups: a folder of its own, made only
    when a backup is written."""
    return Path(tempfile.gettempdir()) / f"repute-fake-{uuid.uuid4().hex}" / "log.sqlite3"


@dataclass(frozen=True)
class _Step:
    """A change, the change that takes it back, and the import marks it was first to apply."""

    change: Change
    inverse: Change
    new_refs: frozenset[str]
    new_groups: tuple[tuple[str, str, str], ...]


@dataclass
class FakeRepository:
    """An in-memory repository with the undo stack of tracker.store.repository.

    It keeps the import marks (applied refs, statement groups) as the store does, and its copy is
    a real database holding its log, so a backup of it can be opened and read.
    """

    current: Log = field(default_factory=Log)
    path: Path = field(default_factory=_scratch_path)
    elsewhere: bool = False
    closed: bool = False
    applied: list[Change] = field(default_factory=list)
    refs: set[str] = field(default_factory=set)
    groups: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    _undo: list[_Step] = field(default_factory=list)
    _redo: list[_Step] = field(default_factory=list)

    def log(self) -> Log:
        return self.current

    def applied_refs(self) -> frozenset[str]:
        return frozenset(self.refs)

    def import_groups(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(sorted(self.groups.values(), key=lambda g: (g[1], g[2], g[0])))

    def apply(self, change: Change, *, planned_on: Log | None = None) -> Log:
        if planned_on is not None and planned_on is not self.current:
            from tracker.store.errors import StoreError

            raise StoreError("the log was changed since this was planned", kind="stale")
        step = _Step(
            change,
            _inverse(change, self.current),
            frozenset(change.applied_refs) - self.refs,
            tuple(g for g in change.import_groups if self.groups.get(g[0]) != g),
        )
        self._forward(step)
        self.applied.append(change)
        self._undo.append(step)
        self._redo.clear()
        return self.current

    def undo(self) -> Change | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        self.current = apply_to_log(self.current, step.inverse)
        self.refs -= step.new_refs
        for ref, _, _ in step.new_groups:
            self.groups.pop(ref, None)
        self._redo.append(step)
        return step.change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._forward(step)
        self._undo.append(step)
        return step.change

    def _forward(self, step: _Step) -> None:
        self.current = apply_to_log(self.current, step.change)
        self.refs |= step.new_refs
        self.groups.update((group[0], group) for group in step.new_groups)

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].change.label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].change.label if self._redo else None

    def take_outside_change(self) -> bool:
        was, self.elsewhere = self.elsewhere, False
        if was:
            self._undo.clear()
            self._redo.clear()
        return was

    def is_empty(self) -> bool:
        return not any(getattr(self.current, table) for table in TABLE_NAMES)

    def copy_to(self, destination: Path) -> None:
        """Write a new database at `destination` holding this log and its import marks."""
        from tracker.store import Repository, StoreError, make_private_folders

        if destination.exists():
            raise StoreError(f"{destination} already exists", kind="exists", path=destination)
        make_private_folders(destination.parent)
        log = self.current
        whole = Change(
            label="copy",
            added=tuple(record for table in TABLE_NAMES for record in getattr(log, table)),
            profile=log.profile,
            settings=dict(log.settings) or None,
            applied_refs=tuple(sorted(self.refs)),
            import_groups=self.import_groups(),
        )
        with Repository.open(destination, create=True) as copy:
            copy.apply(whole)

    def close(self) -> None:
        self.closed = True


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _stars(log: Log, contract: Contract, as_of: date) -> Feedback | None:
    known = [f for f in log.feedback if f.contract == contract.id and f.date <= as_of]
    return max(known, key=lambda f: f.date) if known else None


class FakeReports:
    """The engine's report functions, simplified: a window's score is its share of 5-star jobs."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def _windows(self, log: Log, as_of: date) -> dict[str, dict[str, Any]]:
        windows: dict[str, dict[str, Any]] = {}
        for name, months in WINDOW_MONTHS.items():
            good = total = 0
            clients: set[str] = set()
            for contract in log.contracts:
                feedback = _stars(log, contract, as_of)
                if contract.ended is None or contract.ended > as_of or feedback is None:
                    continue
                if not contract.ended <= as_of <= _add_months(contract.ended, months):
                    continue
                total += 1
                good += 1 if (feedback.stars or 0) >= 4.5 else 0
                clients.add(contract.client)
            score = round(100 * good / total, 4) if total else None
            windows[name] = {
                "score": score,
                "valid": total >= 2 and len(clients) >= 2,
                "jobs": float(total),
                "contracts": total,
                "clients": len(clients),
            }
        s3, s6 = windows["3m"], windows["6m"]
        trending_valid = s3["valid"] and s6["valid"]
        windows["trending"] = {
            "score": round((s3["score"] + s6["score"]) / 2, 4) if trending_valid else None,
            "valid": trending_valid,
        }
        return windows

    def _exact(self, log: Log, as_of: date) -> tuple[float | None, str | None]:
        windows = self._windows(log, as_of)
        if not windows["24m"]["valid"]:
            return None, None
        best = max(
            (name for name in ("24m", "12m", "6m", "trending") if windows[name]["valid"]),
            key=lambda name: windows[name]["score"],
        )
        return windows[best]["score"], best

    def score_report(
        self, log: Log, as_of: date, rules: str | None = None, *, with_next_change: bool = True
    ) -> dict[str, Any]:
        self.calls.append("score")
        windows = self._windows(log, as_of)
        exact, winner = self._exact(log, as_of)
        shown = exact is not None
        return {
            "as_of": as_of.isoformat(),
            "rules": rules or "upwork-2024-09",
            "status": "shown" if shown else "hidden",
            "hidden_reason": None if shown else "needs 2 contracts from 2 different clients",
            "score": round(exact) if exact is not None else None,
            "exact": exact,
            "winner": winner,
            "official": exact,
            "official_on": as_of.isoformat() if shown else None,
            "next_update": (as_of + timedelta(days=1)).isoformat(),
            "windows": windows,
            "stats": {
                "earnings_12m": 1200.0,
                "feedback_average": 4.8,
                "feedback_average_12m": 4.9,
                "would_recommend": 0.75,
                "long_term_clients": 0.25,
                "recent_holds": 0,
            },
            "badges": {
                "top_rated": {
                    "has": False,
                    "missing": ["score >= 90 in 11 of the last 16 weeks; 13 needed"],
                },
                "top_rated_plus": {"has": False, "missing": ["Top Rated", "$10,000 in 12 months"]},
                "rising_talent": {"has": False, "missing": ["only without a score"]},
            },
            "warnings": [
                {
                    "contract": c.id,
                    "title": c.title,
                    "kind": "unpaid_hourly",
                    "text": f"'{c.title}' is open, hourly, with no payment for 34 days",
                    "advice": "bill the hours or ask the client to close it",
                }
                for c in log.contracts
                if c.ended is None and c.kind == "hourly"
            ],
            "next_change": None,
            "contracts": [],
        }

    def trend_report(
        self, log: Log, start: date, end: date, step: str = "day", rules: str | None = None
    ) -> dict[str, Any]:
        self.calls.append("trend")
        points = []
        day = start
        gap = 7 if step == "week" else 1
        while day <= end:
            exact, _ = self._exact(log, day)
            observed = next((s.jss for s in log.snapshots if s.date == day), None)
            invites = sum(1 for i in log.invites if day - timedelta(days=28) < i.date <= day) / 4
            proposals = (
                sum(1 for p in log.proposals if day - timedelta(days=28) < p.date <= day) / 4
            )
            points.append(
                {
                    "date": day.isoformat(),
                    "live": exact,
                    "official": exact,
                    "observed": observed,
                    "invites_per_week": invites,
                    "proposals_per_week": proposals,
                }
            )
            day += timedelta(days=gap)
        return {"points": points}

    def explain_since_report(
        self, log: Log, since: date, as_of: date, rules: str | None = None
    ) -> dict[str, Any]:
        self.calls.append("explain")
        before, winner_before = self._exact(log, since)
        after, winner_after = self._exact(log, as_of)
        change = None if before is None or after is None else round(after - before, 4)
        causes = []
        if change:
            causes = [
                {
                    "contract": "k-1",
                    "what": "left",
                    "delta": change,
                    "text": "'Logo' left the 6-month window",
                }
            ]
        return {
            "since": since.isoformat(),
            "as_of": as_of.isoformat(),
            "before": before,
            "after": after,
            "change": change,
            "winner_before": winner_before,
            "winner_after": winner_after,
            "rules_before": "upwork-2024-09",
            "rules_after": "upwork-2024-09",
            "causes": causes,
        }

    def forecast_report(
        self, log: Log, as_of: date, until: date | None = None, rules: str | None = None
    ) -> dict[str, Any]:
        self.calls.append("forecast")
        return {"as_of": as_of.isoformat(), "until": (until or as_of).isoformat(), "changes": []}

    def rule_set_names(self, log: Log) -> list[str]:
        return [
            "upwork-2015",
            "upwork-2020-03",
            "upwork-2020-11",
            "upwork-2023-12",
            "upwork-2024-09",
        ]

    def assumptions(self, log: Log) -> list[dict[str, Any]]:
        return [
            {
                "rule": "public thresholds",
                "value": "4.5 / 3.5",
                "source": "community reports",
                "confidence": "COMM",
                "text": "4 stars already pulls the score down",
            }
        ]


class DialogLog:
    """What the code under test asked of message boxes and file dialogs (none is ever shown)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes
        self.file_name = ""

    def box(self, kind: str) -> Any:
        def shown(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            self.messages.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return shown

    def dialog(self, *_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return self.file_name, ""
