"""The profile's work history (JSON, `{"pageItems": [...]}`): contracts with their end and feedback.

Each item gives a contract's title, start, end, total charges and final public feedback (stars,
sub-scores, comment, dated on the end). It is merged with what a transaction history brought by
one rule (`same_contract`): the same title (case and spaces ignored), the same client where both
know it, and dates that overlap. The end and the feedback come from the work history, payments
from the transaction history; `earned` is the total charges only while the log has no payment of
the contract. The transaction history's id, client and title stand, so the log is the same
whichever file comes first.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from tracker.io.json_format import decode_json
from tracker.io.problems import InputError
from tracker.io.summary_lines import NEEDS_YOU, SummaryLine, summary_lines
from tracker.io.upwork.import_words import count_of
from tracker.io.upwork.titles import name_key, short_hash
from tracker.records.changes import Change, Record
from tracker.records.model import SUB_SCORES, Client, Contract, Feedback, Log

WORK_HISTORY_CLIENT_PREFIX = "upwork-client-"
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One contract of the work history, checked."""

    id: str
    title: str
    started: date
    ended: date | None
    charges: Decimal | None
    hourly: bool
    client_id: str
    feedback: Feedback | None  # its `contract` is filled in when the contract is known


@dataclass(frozen=True)
class WorkHistoryPlan:
    """The Change, and its summary in sentences."""

    change: Change
    made: tuple[Contract, ...]
    completed: tuple[Contract, ...]
    feedback_added: int

    def lines(self) -> list[str]:
        return [line.text for line in self.summary()]

    def summary(self) -> list[SummaryLine]:
        """The sentences of `lines`, the last saying what needs the user, if anything."""
        lines = []
        if self.made:
            lines.append(
                f"Made {count_of(len(self.made), 'contract', 'contracts')} from the work history "
                "with their total charges, end and feedback."
            )
        if self.completed:
            titles = ", ".join(c.title or c.id for c in self.completed[:8])
            lines.append(
                f"Completed {count_of(len(self.completed), 'contract', 'contracts')} already in "
                f"your log with their end and feedback: {titles}."
            )
        if self.feedback_added:
            lines.append(f"Added {count_of(self.feedback_added, 'feedback', 'feedback')}.")
        if not lines:
            lines.append("Nothing new: the work history is already in your log.")
        summary = summary_lines(lines)
        placeholders = [c for c in self.made if c.client.startswith(WORK_HISTORY_CLIENT_PREFIX)]
        if placeholders:
            summary.append(
                SummaryLine(
                    f"{count_of(len(placeholders), 'contract has', 'contracts have')} "
                    "a client known only by its marketplace id; importing your transaction "
                    "history names them (or set the client yourself).",
                    NEEDS_YOU,
                )
            )
        return summary


def looks_like_work_history(data: bytes) -> bool:
    """Whether the bytes are a JSON object with `pageItems` (for `--format auto`)."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head != b"{" or b'"pageItems"' not in data:
        return False
    try:
        document = decode_json(data)
    except InputError:
        return False
    return isinstance(document, dict) and isinstance(document.get("pageItems"), list)


def read_work_history(data: bytes) -> tuple[WorkItem, ...]:
    """The items of a work-history file, checked.

    Raises:
        InputError: naming the first bad value's path (`pageItems[2].startedOn: ...`).
    """
    document = decode_json(data)
    if not isinstance(document, dict) or not isinstance(document.get("pageItems"), list):
        raise InputError("", "this is not the profile's work history (no pageItems list)")
    return tuple(_item(f"pageItems[{i}]", raw) for i, raw in enumerate(document["pageItems"]))


def _item(path: str, raw: object) -> WorkItem:
    if not isinstance(raw, dict):
        raise InputError(path, "is not an object")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise InputError(f"{path}.title", "the value is missing (the contract's title)")
    started = _timestamp(f"{path}.startedOn", raw.get("startedOn"), required=True)
    assert started is not None
    ended = _timestamp(f"{path}.endedOn", raw.get("endedOn"), required=False)
    if ended is not None and ended < started:
        raise InputError(f"{path}.endedOn", f"{ended} is before the start {started}")
    charges = _amount(f"{path}.totalCharges.amount", _inner(raw.get("totalCharges"), "amount"))
    rate = _amount(f"{path}.hourlyRate.amount", _inner(raw.get("hourlyRate"), "amount"))
    hours = raw.get("totalHours")
    hourly = bool(rate) or (isinstance(hours, (int, Decimal)) and not isinstance(hours, bool)
                            and hours > 0)  # fmt: skip
    item_id = str(raw.get("id") or "") or short_hash(name_key(title), started.isoformat())
    client_id = str(raw.get("clientId") or "")
    feedback = _feedback(f"{path}.feedback", raw.get("feedback"), ended)
    return WorkItem(item_id, " ".join(title.split()), started, ended, charges, hourly, client_id,
                    feedback)  # fmt: skip


def _inner(value: object, key: str) -> object:
    return value.get(key) if isinstance(value, dict) else None


def _timestamp(path: str, value: object, *, required: bool) -> date | None:
    if value is None or value == "":
        if required:
            raise InputError(path, "the value is missing (a date)")
        return None
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise InputError(path, f"{str(value)[:40]!r} is not a date")


def _amount(path: str, value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        amount = Decimal(str(value))
        if not amount.is_finite() or amount < 0:
            raise InvalidOperation
    except InvalidOperation:
        raise InputError(path, f"{str(value)[:40]!r} is not an amount") from None
    return amount.quantize(CENT)


def _feedback(path: str, raw: object, ended: date | None) -> Feedback | None:
    if raw is None or ended is None:
        return None  # feedback is dated on the end: an open contract has none yet
    if not isinstance(raw, dict):
        raise InputError(path, "is not an object")
    stars = _stars(f"{path}.score", raw.get("score"))
    scores = []
    for i, detail in enumerate(raw.get("scoreDetails") or ()):
        label = name_key(str(_inner(detail, "label") or ""))
        if label in SUB_SCORES:
            value = _stars(f"{path}.scoreDetails[{i}].score", _inner(detail, "score"))
            if value is not None:
                scores.append((label, value))
    comment = raw.get("comment")
    return Feedback(
        contract="",
        date=ended,
        stars=stars,
        scores=tuple(sorted(scores)),
        comment=comment.strip() if isinstance(comment, str) else "",
    )


def _stars(path: str, value: object) -> Decimal | None:
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        stars = Decimal(str(value)).quantize(CENT).normalize()
    except InvalidOperation:
        raise InputError(path, f"{str(value)[:40]!r} is not a score") from None
    if not Decimal(1) <= stars <= Decimal(5):
        raise InputError(path, f"{value} is not between 1 and 5")
    return stars


def overlaps(first: tuple[date, date | None], second: tuple[date, date | None]) -> bool:
    """Whether two spans of days share one (an open end runs on)."""
    (a_start, a_end), (b_start, b_end) = first, second
    return (a_end is None or b_start <= a_end) and (b_end is None or a_start <= b_end)


def contract_span(log: Log, contract: Contract) -> tuple[date, date | None]:
    """A contract's days as the log knows them: its start to its end, else to its last payment."""
    if contract.ended is not None:
        return contract.started, contract.ended
    paid = [p.date for p in log.payments if p.contract == contract.id]
    return contract.started, max(paid) if paid else None


def plan_work_history(
    data: bytes, existing: Log, *, label: str = "Import the work history"
) -> WorkHistoryPlan:
    """The change that brings a work history into `existing`.

    Raises:
        InputError: a bad file (the first bad value's path).
    """
    items = read_work_history(data)
    contracts = existing.contract_by_id()
    feedback_keys = {f.key for f in existing.feedback}
    paid = {p.contract for p in existing.payments}
    clients = {c.id for c in existing.clients}
    added: list[Record] = []
    removed: list[Record] = []
    made: list[Contract] = []
    completed: list[Contract] = []
    feedback_added = 0
    taken: set[str] = set()
    for item in items:
        old = contracts.get(f"upwork-{item.id}") or _same_contract(item, existing, taken)
        if old is None:
            client = _placeholder_client(item)
            if client.id not in clients:
                clients.add(client.id)
                added.append(client)
            new = _from_item(item, client.id)
            made.append(new)
            added.append(new)
        else:
            taken.add(old.id)
            new = completed_with(old, item, has_payments=old.id in paid)
            if new != old:
                removed.append(old)
                added.append(new)
                completed.append(new)
        if item.feedback is not None:
            feedback = dataclasses.replace(item.feedback, contract=new.id)
            if feedback.key not in feedback_keys:
                feedback_keys.add(feedback.key)
                added.append(feedback)
                feedback_added += 1
    change = Change(label, added=tuple(added), removed=tuple(removed))
    return WorkHistoryPlan(change, tuple(made), tuple(completed), feedback_added)


def _placeholder_client(item: WorkItem) -> Client:
    if not item.client_id:
        return Client(id="unknown-client", name="Unknown client")
    return Client(
        id=f"{WORK_HISTORY_CLIENT_PREFIX}{item.client_id}", name=f"Client {item.client_id}"
    )


def _from_item(item: WorkItem, client: str) -> Contract:
    return Contract(
        id=f"upwork-{item.id}",
        client=client,
        kind="hourly" if item.hourly else "fixed",
        started=item.started,
        title=item.title,
        ended=item.ended,
        earned=item.charges if item.charges else None,
        last_paid=(item.ended or item.started) if item.charges else None,
    )


def completed_with(old: Contract, item: WorkItem, *, has_payments: bool) -> Contract:
    """A contract of the log with the work history's end (and its charges, while unpaid)."""
    return dataclasses.replace(
        old,
        started=min(old.started, item.started),
        ended=item.ended if item.ended is not None else old.ended,
        kind="hourly" if item.hourly or old.kind == "hourly" else old.kind,
        earned=None if has_payments else (item.charges or old.earned),
        last_paid=None if has_payments else ((item.ended or item.started) if item.charges
                                             else old.last_paid),
    )  # fmt: skip


def _same_contract(item: WorkItem, log: Log, taken: set[str]) -> Contract | None:
    """The log's contract a work-history item is (title, client where both know it, overlap)."""
    for contract in log.contracts:
        if contract.id in taken or name_key(contract.title) != name_key(item.title):
            continue
        if (
            contract.client.startswith(WORK_HISTORY_CLIENT_PREFIX)
            and item.client_id
            and (contract.client != f"{WORK_HISTORY_CLIENT_PREFIX}{item.client_id}")
        ):
            continue
        if overlaps(contract_span(log, contract), (item.started, item.ended)):
            return contract
    return None


def work_history_match(
    title: str, span: tuple[date, date | None], log: Log, candidates: Iterable[Contract]
) -> Contract | None:
    """The log's work-history contract (no payments, client known by id) that a transaction
    history's new contract is: the same title and overlapping dates."""
    for contract in candidates:
        stand_in = contract.client.startswith(WORK_HISTORY_CLIENT_PREFIX) or (
            contract.client == "unknown-client"
        )
        same_title = name_key(contract.title) == name_key(title)
        if stand_in and same_title and overlaps((contract.started, contract.ended), span):
            return contract
    return None


def take_work_history(
    existing: Log,
    new_contracts: list[Contract],
    last_paid: dict[str, date],
    removed: list[Record],
    updated: list[Contract],
) -> list[Record]:
    """A statement's new contracts that a work history already brought (same title, overlapping
    dates) take its start, end and feedback and replace it: the statement's id, client and title
    stand. `new_contracts` and `removed` are changed in place; returns the feedback to add."""
    paid = {p.contract for p in existing.payments}
    candidates = [c for c in existing.contracts if c.id not in paid]
    taken: set[str] = set()
    moved_feedback: list[Record] = []
    for index, contract in enumerate(new_contracts):
        span = (contract.started, last_paid.get(contract.id, contract.started))
        match = work_history_match(
            contract.title, span, existing, (c for c in candidates if c.id not in taken)
        )
        if match is None:
            continue
        taken.add(match.id)
        new_contracts[index] = dataclasses.replace(
            contract,
            started=min(contract.started, match.started),
            ended=match.ended,
            kind="hourly" if "hourly" in (contract.kind, match.kind) else contract.kind,
        )
        removed.append(match)
        for feedback in existing.feedback:
            if feedback.contract == match.id:
                removed.append(feedback)
                moved_feedback.append(dataclasses.replace(feedback, contract=contract.id))
    removed.extend(_unused_stand_ins(existing, removed, updated))
    return moved_feedback


def _unused_stand_ins(
    existing: Log, removed: list[Record], updated: list[Contract]
) -> list[Client]:
    """The work history's stand-in clients no contract uses once the import is applied."""
    gone = {r.client for r in removed if isinstance(r, Contract)}
    left = {r.id for r in removed if isinstance(r, Contract)}
    used = {c.client for c in existing.contracts if c.id not in left}
    used.update(c.client for c in updated)
    return [
        c
        for c in existing.clients
        if c.id.startswith(WORK_HISTORY_CLIENT_PREFIX) and c.id not in used and c.id in gone
    ]
