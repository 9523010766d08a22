"""What-if steps: changes a freelancer tries before they happen, applied to a copy of the log.

The same steps for the window's sandbox and for `whatif --change` (a change file's `steps` list,
tracker.usecases.whatif_file). Each step makes its Change from the log as the steps before it left
it, so steps stack (close a contract, then lower its private score). Nothing here writes:
`sandboxed` folds the steps with `apply_to_log`. A step that does not fit (its contract was
removed, the end is before the start) says why in one sentence: the window skips it so the others
still apply; the command line refuses the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Protocol

from tracker.records.changes import Change, ChangeError, Record, apply_to_log
from tracker.records.model import Client, Contract, Feedback, Log, Payment
from tracker.records.removal import removal
from tracker.records.validation import log_problems
from tracker.records.words import contract_name, day, money, quoted, rating

NEW_CLIENT_NAME = "a new client"


class StepError(ValueError):
    """A step that does not fit the log it is applied to, in one sentence."""


class Step(Protocol):
    """One change tried in the sandbox or a change file's steps."""

    def describe(self, log: Log) -> str:
        """What the step does, in words, with the names of the log it applies to."""
        ...

    def change(self, log: Log) -> Change:
        """The Change the step makes to `log`.

        Raises:
            StepError: when the step does not fit `log`.
        """
        ...


def contract_named(log: Log, contract_id: str) -> Contract:
    contract = log.contract_by_id().get(contract_id)
    if contract is None:
        raise StepError(f"contract {contract_id!r} is not in the log (any more)")
    return contract


def name_of(contract: Contract) -> str:
    return quoted(contract.title, contract.id)


def check_ends_after_start(contract: Contract, on: date) -> None:
    """Refuse an end before the contract's start, naming both days."""
    if on < contract.started:
        raise StepError(
            f"the end, {day(on)}, is before the start of {name_of(contract)}"
            f" ({day(contract.started)})"
        )


def contract_words(log: Log, contract_id: str) -> str:
    return contract_name(log, contract_id) or repr(contract_id)


def feedback_words(stars: Decimal | None, private: int | None) -> str:
    """'5.0 stars, private 9', 'private 6', or 'no feedback'."""
    parts = []
    if stars is not None:
        parts.append(f"{rating(stars)} stars")
    if private is not None:
        parts.append(f"private {private}")
    return ", ".join(parts) if parts else "no feedback"


def final_feedback(
    contract: str, on: date, stars: Decimal | None, private: int | None
) -> Feedback | None:
    if stars is None and private is None:
        return None
    return Feedback(contract, on, "final", stars=stars, private=private)


def paid_on(log: Log, contract: Contract) -> Decimal:
    """What the client paid on a contract: its listed payments, else its typed earned."""
    listed = [p.amount for p in log.payments if p.contract == contract.id]
    if listed:
        return sum(listed, Decimal(0))
    return contract.earned or Decimal(0)


@dataclass(frozen=True)
class CloseContract:
    """An open contract ends on a day, with final feedback or none."""

    contract: str
    on: date
    stars: Decimal | None = None
    private: int | None = None

    def describe(self, log: Log) -> str:
        words = feedback_words(self.stars, self.private)
        return f"Close {contract_words(log, self.contract)} on {day(self.on)} with {words}"

    def change(self, log: Log) -> Change:
        contract = contract_named(log, self.contract)
        if contract.ended is not None:
            raise StepError(f"{name_of(contract)} is already closed (on {day(contract.ended)})")
        check_ends_after_start(contract, self.on)
        closed = replace(contract, ended=self.on, closed_by="client", end_reason="completed")
        added: list[Record] = [closed]
        removed: list[Record] = [contract]
        feedback = final_feedback(contract.id, self.on, self.stars, self.private)
        if feedback is not None:
            removed.extend(f for f in log.feedback if f.key == feedback.key)
            added.append(feedback)
        return Change(self.describe(log), added=tuple(added), removed=tuple(removed))


@dataclass(frozen=True)
class AddContract:
    """A new fixed-price contract, paid in one payment and ended on one day."""

    title: str
    amount: Decimal
    on: date
    stars: Decimal | None = Decimal("5.0")
    private: int | None = None
    client: str | None = None  # None: a new client

    def describe(self, log: Log) -> str:
        who = NEW_CLIENT_NAME
        if self.client is not None:
            known = log.client_by_id().get(self.client)
            who = (known.name or known.id) if known else repr(self.client)
        words = feedback_words(self.stars, self.private)
        paid = money(self.amount)
        return f"Add '{self.title}', {paid} for {who}, ended {day(self.on)}, with {words}"

    def change(self, log: Log) -> Change:
        if self.amount <= 0:
            raise StepError(f"the amount {money(self.amount)} must be more than $0")
        added: list[Record] = []
        client = self.client
        if client is None:
            client = fresh_id({c.id for c in log.clients}, "what-if-client")
            added.append(Client(client, name="New client (what if)"))
        elif client not in log.client_by_id():
            raise StepError(f"client {client!r} is not in the log (any more)")
        cid = fresh_id({c.id for c in log.contracts}, "what-if")
        added.append(Contract(cid, client, "fixed", self.on, title=self.title, ended=self.on))
        added.append(Payment(cid, self.on, self.amount))
        feedback = final_feedback(cid, self.on, self.stars, self.private)
        if feedback is not None:
            added.append(feedback)
        return Change(self.describe(log), added=tuple(added))


@dataclass(frozen=True)
class ChangePrivate:
    """The private score of a contract's latest feedback becomes another (known, not guessed)."""

    contract: str
    private: int

    def describe(self, log: Log) -> str:
        return f"Private score of {contract_words(log, self.contract)} becomes {self.private}"

    def change(self, log: Log) -> Change:
        contract = contract_named(log, self.contract)
        given = [f for f in log.feedback if f.contract == contract.id]
        if not given:
            raise StepError(
                f"{name_of(contract)} has no feedback yet; close it with feedback instead"
            )
        latest = max(given, key=lambda f: (f.kind == "final", f.date))
        changed = replace(latest, private=self.private, private_is_guess=False)
        return Change(self.describe(log), added=(changed,), removed=(latest,))


@dataclass(frozen=True)
class Dispute:
    """A contract ends in a dispute (an open one ends on `on`)."""

    contract: str
    on: date

    def describe(self, log: Log) -> str:
        contract = log.contract_by_id().get(self.contract)
        name = contract_words(log, self.contract)
        if contract is not None and contract.ended is None:
            return f"{name} ends in a dispute on {day(self.on)}"
        return f"{name} ends in a dispute"

    def change(self, log: Log) -> Change:
        contract = contract_named(log, self.contract)
        if contract.disputed:
            raise StepError(f"{name_of(contract)} is already disputed")
        disputed = replace(contract, disputed=True)
        if contract.ended is None:
            check_ends_after_start(contract, self.on)
            disputed = replace(disputed, ended=self.on, closed_by="marketplace")
        return Change(self.describe(log), added=(disputed,), removed=(contract,))


@dataclass(frozen=True)
class Refund:
    """The freelancer refunds part or all of what a contract paid."""

    contract: str
    amount: Decimal

    def describe(self, log: Log) -> str:
        return f"Refund {money(self.amount)} on {contract_words(log, self.contract)}"

    def change(self, log: Log) -> Change:
        contract = contract_named(log, self.contract)
        if self.amount <= 0:
            raise StepError(f"the refund {money(self.amount)} must be more than $0")
        paid = paid_on(log, contract)
        total = contract.refunded + self.amount
        if total > paid:
            raise StepError(
                f"a refund of {money(total)} in all is more than the {money(paid)}"
                f" paid on {name_of(contract)}"
            )
        refunded = replace(contract, refunded=total)
        return Change(self.describe(log), added=(refunded,), removed=(contract,))


@dataclass(frozen=True)
class RemoveContract:
    """A contract, its payments and its feedback, gone."""

    contract: str

    def describe(self, log: Log) -> str:
        return f"Remove {contract_words(log, self.contract)} with its payments and feedback"

    def change(self, log: Log) -> Change:
        """The contract with what leans on it, by the rule of tracker.records.removal."""
        contract = contract_named(log, self.contract)
        return removal([contract], log).change(self.describe(log))


def fresh_id(taken: set[str], stem: str) -> str:
    """`stem-1`, `stem-2`...: the first not taken (the same steps always get the same ids)."""
    k = 1
    while f"{stem}-{k}" in taken:
        k += 1
    return f"{stem}-{k}"


@dataclass(frozen=True)
class Outcome:
    """One step as the sandbox applied it: its words, and why it was skipped (None: applied)."""

    step: Step
    text: str
    problem: str | None


@dataclass(frozen=True)
class Sandboxed:
    """The log with the steps applied (a copy), and each step's outcome."""

    log: Log
    outcomes: tuple[Outcome, ...]

    @property
    def applied(self) -> int:
        return sum(1 for o in self.outcomes if o.problem is None)


def touched_contracts(change: Change) -> set[str]:
    out: set[str] = set()
    for record in (*change.added, *change.removed):
        if isinstance(record, Contract):
            out.add(record.id)
        elif isinstance(record, (Payment, Feedback)):
            out.add(record.contract)
    return out


def apply_step(log: Log, step: Step) -> Log:
    """`log` after one step, checked like an edit of the log would be.

    Raises:
        StepError: the step does not fit, in one sentence.
    """
    change = step.change(log)
    try:
        changed = apply_to_log(log, change)
    except ChangeError as error:
        raise StepError(str(error)) from None
    problems = log_problems(
        changed, contracts=touched_contracts(change) & {c.id for c in changed.contracts}
    )
    if problems:
        raise StepError(problems[0])
    return changed


def sandboxed(log: Log, steps: Sequence[Step]) -> Sandboxed:
    """Fold the steps over a copy of `log`; a step that does not fit is skipped with its reason."""
    current = log
    outcomes = []
    for step in steps:
        text = step.describe(current)
        try:
            current = apply_step(current, step)
        except StepError as error:
            # Named as the user knew it: the record may be gone from the sandboxed copy.
            outcomes.append(Outcome(step, step.describe(log), str(error)))
            continue
        outcomes.append(Outcome(step, text, None))
    return Sandboxed(current, tuple(outcomes))
