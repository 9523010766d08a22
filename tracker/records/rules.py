"""The rules between the fields of a record and with the records it names, each with a name.

Every way into the log asks these rules (the `repute/1` reader, the spreadsheet import, the what-if
change file, the window's forms), so a value refused by one is refused by all. A broken rule is a
`Problem`: the field to show it beside, a sentence, and the rule's name (`Rule`), so a caller that
speaks to people in its own words (the window's forms) words the same rule its own way instead of
checking it again.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date

from tracker.records.field_values import describe


class Rule:
    """The names of the rules a Problem says were broken."""

    REQUIRED = "required"  # a required field is empty
    VALUE = "value"  # the field's own rule refuses the value (see tracker.records.kinds)
    TAKEN = "taken"  # another record of the table has this key
    NO_CLIENT = "no client"  # names a client that is not there
    NO_CONTRACT = "no contract"  # names a contract that is not there
    BEFORE_CONTRACT_START = "before the contract's start"  # a payment, feedback or mark
    ENDS_BEFORE_START = "ends before it starts"  # ended, until, responded before the start
    LAST_PAID_BEFORE_START = "last paid before the start"
    LAST_PAID_AFTER_END = "last paid after the end"
    EARNED_WITH_PAYMENTS = "earned typed in beside listed payments"  # on the contract
    PAYMENT_WITH_EARNED = "a payment listed beside earned typed in"  # on the payment
    RECORDS_BEFORE_START = "its records before its start"  # a contract's new start


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a record: the field to show it beside, and what is wrong in words.

    `rule` names the rule (a `Rule`) and `about` holds what a caller needs to word it its own way
    (the contract's start, the earliest record before a new start); neither is compared.
    """

    field: str
    message: str
    rule: str = dataclass_field(default="", compare=False)
    about: object = dataclass_field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What the rules between records need to know about the rest of the log.

    Attributes:
        clients: the client ids a reference may name.
        contract_starts: every contract a reference may name, with its start (None if unknown).
        contracts_with_payments: contracts whose payments are listed (no typed earned then).
        contracts_with_earned: contracts with a typed earned or last_paid (no listed payments).
    """

    clients: Container[str]
    contract_starts: Mapping[str, date | None]
    contracts_with_payments: Container[str] = frozenset()
    contracts_with_earned: Container[str] = frozenset()


Values = Mapping[str, object]
Rules = Callable[[Values, RuleContext], list[Problem]]


def _client_known(values: Values, context: RuleContext, problems: list[Problem]) -> None:
    client = values.get("client")
    if client is not None and client not in context.clients:
        problems.append(
            Problem("client", f"no client has the id {describe(client)}", Rule.NO_CLIENT)
        )


def _contract_known(values: Values, context: RuleContext, problems: list[Problem]) -> None:
    contract = values.get("contract")
    if contract is None:
        return
    if contract not in context.contract_starts:
        problems.append(
            Problem("contract", f"no contract has the id {describe(contract)}", Rule.NO_CONTRACT)
        )
        return
    start = context.contract_starts[contract]  # type: ignore[index]
    day = values.get("date")
    if start is not None and isinstance(day, date) and day < start:
        problems.append(
            Problem(
                "date",
                f"{day} is before the contract's start ({start})",
                Rule.BEFORE_CONTRACT_START,
                start,
            )
        )


def contract_rules(values: Values, context: RuleContext) -> list[Problem]:
    """A known client; ended and last_paid from the start; earned or payments, not both."""
    problems: list[Problem] = []
    _client_known(values, context, problems)
    started, ended, last_paid = values.get("started"), values.get("ended"), values.get("last_paid")
    if isinstance(started, date) and isinstance(ended, date) and ended < started:
        problems.append(
            Problem("ended", f"{ended} is before the start ({started})", Rule.ENDS_BEFORE_START)
        )
    if isinstance(last_paid, date):
        if isinstance(started, date) and last_paid < started:
            problems.append(
                Problem(
                    "last_paid",
                    f"{last_paid} is before the start ({started})",
                    Rule.LAST_PAID_BEFORE_START,
                )
            )
        if isinstance(ended, date) and last_paid > ended:
            problems.append(
                Problem(
                    "last_paid", f"{last_paid} is after the end ({ended})", Rule.LAST_PAID_AFTER_END
                )
            )
    if values.get("id") in context.contracts_with_payments:
        for name in ("earned", "last_paid"):
            if values.get(name) is not None:
                problems.append(
                    Problem(
                        name,
                        "is only for a contract whose payments are not listed, and this "
                        "contract's payments are listed; keep one or the other",
                        Rule.EARNED_WITH_PAYMENTS,
                    )
                )
    return problems


def payment_rules(values: Values, context: RuleContext) -> list[Problem]:
    """A known contract, dated from its start, whose earnings are not typed in."""
    problems: list[Problem] = []
    _contract_known(values, context, problems)
    contract = values.get("contract")
    if contract is not None and contract in context.contracts_with_earned:
        problems.append(
            Problem(
                "contract",
                f"contract {describe(contract)} has a typed earned or last_paid, so its "
                "payments cannot be listed too; keep one or the other",
                Rule.PAYMENT_WITH_EARNED,
            )
        )
    return problems


def contract_record_rules(values: Values, context: RuleContext) -> list[Problem]:
    """A feedback's or a counted mark's: a known contract, dated from its start."""
    problems: list[Problem] = []
    _contract_known(values, context, problems)
    return problems


def later_date_rules(name: str, what: str) -> Rules:
    """A known client (when one is named), and `name` (a later date) not before the date."""

    def rules(values: Values, context: RuleContext) -> list[Problem]:
        client, later = values.get("client"), values.get(name)
        if (client is None or client in context.clients) and (
            later is None or later >= values.get("date", later)  # type: ignore[operator]
        ):
            return []
        problems: list[Problem] = []
        _client_known(values, context, problems)
        day = values.get("date")
        if isinstance(day, date) and isinstance(later, date) and later < day:
            problems.append(
                Problem(
                    name, f"{later} is before the {what}'s date ({day})", Rule.ENDS_BEFORE_START
                )
            )
        return problems

    return rules


def no_rules(values: Values, context: RuleContext) -> list[Problem]:
    return []


def records_before_start(started: date, dated: list[tuple[date, str]]) -> Problem | None:
    """A contract's start that its own payments, feedback or marks (`dated`: day and noun) would
    come before; `about` is the earliest of them."""
    early = [(day, what) for day, what in dated if day < started]
    if not early:
        return None
    day, what = min(early)
    return Problem(
        "started",
        f"a {what} of this contract on {day} is before this start ({started})",
        Rule.RECORDS_BEFORE_START,
        (day, what),
    )
