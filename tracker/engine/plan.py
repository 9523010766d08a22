"""Plan: how many contracts like this, at this pace, reach a target score by a date.

jss-model.md section 10 and the `plan --json` shape of interface.md. The assumed contracts are
added to the log as it is (records dated after `as_of` stay, as they would for `score`); nothing
else is assumed about the future.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from tracker.engine.calendar import add_months
from tracker.engine.facts import cents
from tracker.engine.numbers import money_text, whole_percent
from tracker.engine.outcome import ContractState, contract_state
from tracker.engine.rules import UPWORK_2023_12, RuleChoice, resolve
from tracker.engine.score import LogIndex, evaluate, windows_of
from tracker.engine.timeline import Segment, all_segments, sweep
from tracker.engine.windows import Estimate, estimate_from
from tracker.records.model import Client, Contract, Feedback, Log, Payment

DEFAULT_AMOUNT = Decimal("500.00")
CENT = Decimal("0.01")
PLAN_HORIZON_MONTHS = 6
AMOUNT_LOOKBACK_MONTHS = 24
# The farthest `by` a plan looks: the score forgets a contract after 24 months, so a plan past
# three years only counts contracts that no longer matter; with at most 30 a month this also caps
# the assumed contracts, and the time and memory a plan takes.
PLAN_MAX_MONTHS = 36
MAX_ASSUMED_CONTRACTS = 31 * PLAN_MAX_MONTHS


@dataclass(frozen=True)
class PlanRequest:
    """What the user asks: a target by a date, with contracts of one size, rating and pace.

    `amount` None means "like my recent contracts" (decided by `plan_amount` against the log).
    """

    as_of: date
    target: float
    by: date
    amount: Decimal | None
    stars: Decimal
    private: int | None
    per_month: int

    @classmethod
    def from_options(
        cls,
        as_of: date,
        target: float,
        by: date | None,
        amount: float | Decimal | None,
        stars: float | Decimal,
        private: int | None,
        per_month: int,
    ) -> PlanRequest:
        """A request from command-line values; `by` defaults to as_of + 6 months.

        Amounts are rounded half up to the cent, as money always is.

        Raises:
            ValueError: for values the command line should already have refused.
        """
        if not 0 <= target <= 100:
            raise ValueError(f"target {target} is not between 0 and 100")
        if not 1 <= per_month <= 30:
            raise ValueError(f"per_month {per_month} is not between 1 and 30")
        if by is not None and by > latest_by(as_of):
            raise ValueError(f"by {by} is more than {PLAN_MAX_MONTHS} months after {as_of}")
        money = None
        if amount is not None:
            money = Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
            if money <= 0:
                raise ValueError(f"amount {amount} must be more than 0")
        rating = Decimal(str(stars))
        if not 1 <= rating <= 5:
            raise ValueError(f"stars {stars} is not between 1 and 5")
        if private is not None and not 0 <= private <= 10:
            raise ValueError(f"private {private} is not between 0 and 10")
        return cls(
            as_of,
            float(target),
            by or add_months(as_of, PLAN_HORIZON_MONTHS),
            money,
            rating,
            private,
            per_month,
        )

    @property
    def step_days(self) -> int:
        """Days between two assumed contracts: floor(30 / per_month)."""
        return 30 // self.per_month

    def end_days(self) -> list[date]:
        """The end day of every assumed contract that ends on or before `by` (the i-th on
        as_of + i * step, i = 1, 2, ...)."""
        days = []
        i = 1
        while (day := self.as_of + timedelta(days=i * self.step_days)) <= self.by:
            days.append(day)
            if len(days) == MAX_ASSUMED_CONTRACTS:
                break
            i += 1
        return days


def latest_by(as_of: date) -> date:
    """The farthest `by` a plan from `as_of` takes (PLAN_MAX_MONTHS later)."""
    return add_months(as_of, PLAN_MAX_MONTHS)


def median_cents(values: list[int]) -> int:
    """The median; for an even count, the mean of the two middle values rounded half up to a cent
    (the usual statistical median, so that two typical sizes give the size between them)."""
    ordered = sorted(values)
    n = len(ordered)
    if n % 2:
        return ordered[n // 2]
    total = ordered[n // 2 - 1] + ordered[n // 2]
    return (total + 1) // 2 if total >= 0 else -((-total + 1) // 2)


def recent_earned_cents(
    log: Log, as_of: date, states: dict[str, ContractState] | None = None
) -> list[int]:
    """`earned` on as_of of each contract ended in the 24 months before it, i.e. with
    add_months(as_of, -24) <= ended <= as_of; every such contract, whatever its outcome.

    `states`: the contracts' states on as_of under any rule set, when the caller has them.
    """
    since = add_months(as_of, -AMOUNT_LOOKBACK_MONTHS)
    index = LogIndex.of(log)
    known = states or {}
    earned = []
    for f in index.facts:
        if f.contract.ended is not None and since <= f.contract.ended <= as_of:
            # `earned` does not depend on the rule set; any one reads it.
            state = known.get(f.id) or contract_state(f, as_of, UPWORK_2023_12)
            earned.append(state.earned_cents)
    return earned


def plan_amount(
    log: Log, request: PlanRequest, states: dict[str, ContractState] | None = None
) -> tuple[Decimal, str]:
    """The size of each assumed contract and where it comes from, in words.

    Given, else the median `earned` of the contracts ended in the 24 months before as_of, else
    $500. A median of $0 or less cannot be a payment, so it falls back to $500 too. `states`:
    the contracts' states on as_of, when the caller has them (see recent_earned_cents).
    """
    if request.amount is not None:
        return request.amount, "as given"
    earned = recent_earned_cents(log, request.as_of, states)
    if not earned:
        return DEFAULT_AMOUNT, "the default: no contract ended in the 24 months before"
    middle = median_cents(earned)
    count = f"{len(earned)} contract{'s' if len(earned) != 1 else ''}"
    if middle <= 0:
        return (
            DEFAULT_AMOUNT,
            f"the default: the median of the {count} ended in the 24 months"
            f" before is {money_text(middle)}",
        )
    return Decimal(middle) / 100, f"the median of the {count} ended in the 24 months before"


def fresh_id(taken: set[str], stem: str) -> str:
    candidate, k = stem, 1
    while candidate in taken:
        k += 1
        candidate = f"{stem}-{k}"
    taken.add(candidate)
    return candidate


def assumed_log(log: Log, request: PlanRequest, amount: Decimal, count: int) -> Log:
    """The log with the first `count` assumed contracts: each for a new client, fixed price,
    started, paid, ended and rated on its end day."""
    clients = {c.id for c in log.clients}
    contracts = {c.id for c in log.contracts}
    new_clients, new_contracts, payments, feedback = [], [], [], []
    for i, day in enumerate(request.end_days()[:count], start=1):
        client = fresh_id(clients, f"plan-client-{i}")
        cid = fresh_id(contracts, f"plan-{i}")
        new_clients.append(Client(client, name=f"Assumed client {i}"))
        new_contracts.append(
            Contract(cid, client, "fixed", day, title=f"Assumed contract {i}", ended=day)
        )
        payments.append(Payment(cid, day, amount))
        feedback.append(Feedback(cid, day, "final", stars=request.stars, private=request.private))
    return replace(
        log,
        clients=log.clients + tuple(new_clients),
        contracts=log.contracts + tuple(new_contracts),
        payments=log.payments + tuple(payments),
        feedback=log.feedback + tuple(feedback),
    )


def assumed_only(full: Log, base: Log) -> LogIndex:
    """The index of `full`'s assumed contracts alone (`full` is an `assumed_log` of `base`).

    Each assumed contract's facts, states and segments depend only on itself (its own new client,
    payment and feedback), so they are the same here as in the whole log; the real log's kept
    facts are left as they are.
    """
    assumed = replace(
        full,
        clients=full.clients[len(base.clients) :],
        contracts=full.contracts[len(base.contracts) :],
        payments=full.payments[len(base.payments) :],
        feedback=full.feedback[len(base.feedback) :],
    )
    return LogIndex(assumed, keep=False)


def reaches(estimate: Estimate, target: float) -> bool:
    """The displayed whole score is at least the target (a hidden score never is)."""
    return estimate.exact is not None and whole_percent(estimate.exact) >= target


def estimates_by_count(
    full: Log, base: Log, choice: RuleChoice, day: date, count: int
) -> list[Estimate]:
    """The estimate on `day` with the first n assumed contracts, for n = 0..count.

    Each assumed contract's state depends only on itself (its own new client, payment and
    feedback), so one evaluation of the assumed contracts alone gives every state; adding them one
    by one to the log's own windows gives each estimate.
    """
    rules = choice.on(day)
    # Only the tally is read: a contract in no window on `day` adds nothing to it, unless the
    # rules count the clients ever (then `evaluate` would make its state anyway, uncached).
    in_windows_only = rules is not None and not rules.lifetime_clients
    evaluation = evaluate(LogIndex.of(base), day, choice, full=not in_windows_only)
    if rules is None:
        return [evaluation.estimate] * (count + 1)
    # Their states are made here, not by `evaluate`: an evaluation of them alone on `day` would
    # take the place of the real log's states kept for that day (score.evaluate keeps one a day).
    assumed = assumed_only(full, base)
    tally = evaluation.tally.copy()
    out = [evaluation.estimate]
    for contract in full.contracts[len(base.contracts) :]:
        if contract.started <= day:
            state = contract_state(assumed.by_id[contract.id], day, rules)
            if state.counted:
                value = rules.value_twentieths(state.outcome)
                tally.add_contract(
                    state.weight_quarters,
                    value,
                    contract.client,
                    windows_of(state, day),
                    rules.lifetime_clients,
                )
        out.append(estimate_from(tally, rules))
    return out


@dataclass(frozen=True)
class Reach:
    """How the displayed score stands against the target from as_of to `by`, day by day."""

    reached_on: date | None  # the first day at the target or above
    below_from: date | None  # the first day below the target after reached_on (None: it holds)
    held_from: date | None  # the first day from which it stays at the target until `by`
    first_below: date | None  # the first day below the target at all


def reach_over(
    index: LogIndex,
    choice: RuleChoice,
    request: PlanRequest,
    segments: dict[str, list[Segment]] | None = None,
) -> Reach:
    """`segments`: all_segments over the request's days, when the caller has them."""
    series = sweep(index, choice, request.as_of, request.by, segments)
    at: list[bool] = []
    previous, ok = None, False
    for estimate in series.estimates:
        if estimate is not previous:  # the days between two moves share one Estimate
            previous, ok = estimate, reaches(estimate, request.target)
        at.append(ok)

    def day(k: int) -> date:
        return series.first + timedelta(days=k)

    reached = next((k for k, ok in enumerate(at) if ok), None)
    below = None
    if reached is not None:
        below = next((k for k in range(reached, len(at)) if not at[k]), None)
    held = None
    if at and at[-1]:
        held = len(at) - 1
        while held > 0 and at[held - 1]:
            held -= 1
    first_below = next((k for k, ok in enumerate(at) if not ok), None)
    return Reach(*(None if k is None else day(k) for k in (reached, below, held, first_below)))


@dataclass(frozen=True)
class Plan:
    """`plan`: how many assumed contracts reach `target` by `by`, and what happens on the way.

    Beyond interface.md's `plan --json`: the rule set, where the amount comes from, how many
    contracts fit before `by`, the estimate now and with every assumed contract (which says how
    far an unreachable target is), and whether the target holds: `below_from` and `held_from`
    with the plan's contracts (the first day after `reached_on` below the target; the first day
    from which it stays reached until `by`), `score_on_by_without` and `below_from_without` with
    no new contract.
    """

    as_of: date
    target: float
    by: date
    amount_cents: int  # each assumed contract's
    stars: Decimal
    private: int | None
    per_month: int
    contracts_needed: int | None  # None: not reachable
    reached_on: date | None
    score_on_by: Fraction | None  # the unrounded estimate on `by` (with the needed contracts)
    contract_days: tuple[date, ...]  # the end day of each needed contract
    rules: str
    amount_source: str
    contracts_possible: int
    score_now: Fraction | None
    score_with_all: Fraction | None
    hidden_reason_on_by: str | None
    below_from: date | None
    held_from: date | None
    score_on_by_without: Fraction | None
    below_from_without: date | None

    @property
    def reachable(self) -> bool:
        return self.contracts_needed is not None


def plan_report(log: Log, request: PlanRequest, rules: str | None) -> Plan:
    """`plan`: the contracts needed, when the target is reached, and the way there."""
    choice = resolve(log, rules)
    index = LogIndex.of(log)
    evaluation = evaluate(index, request.as_of, choice)
    now = evaluation.estimate
    amount, source = plan_amount(log, request, evaluation.states)
    days = request.end_days()
    full = assumed_log(log, request, amount, len(days))
    estimates = estimates_by_count(full, log, choice, request.by, len(days))
    needed = next((n for n, e in enumerate(estimates) if reaches(e, request.target)), None)
    own = all_segments(index, choice, request.as_of, request.by)
    without = reach_over(index, choice, request, own)
    with_plan = without
    if needed:
        # The log's own segments and the needed contracts' made apart (each depends only on
        # itself): the log with them swept, without building the whole log's index again.
        added = assumed_only(assumed_log(log, request, amount, needed), log)
        theirs = all_segments(
            added, choice, request.as_of, request.by, only={f.id for f in added.facts}
        )
        with_plan = reach_over(index, choice, request, {**own, **theirs})
    on_by = estimates[needed] if needed is not None else estimates[0]
    return Plan(
        as_of=request.as_of,
        target=request.target,
        by=request.by,
        amount_cents=cents(amount),
        stars=request.stars,
        private=request.private,
        per_month=request.per_month,
        contracts_needed=needed,
        reached_on=with_plan.reached_on if needed is not None else None,
        score_on_by=on_by.exact,
        contract_days=tuple(days[: needed or 0]),
        rules=choice.name_on(request.by) or choice.name,
        amount_source=source,
        contracts_possible=len(days),
        score_now=now.exact,
        score_with_all=estimates[-1].exact,
        hidden_reason_on_by=on_by.hidden_reason,
        below_from=with_plan.below_from if needed is not None else None,
        held_from=with_plan.held_from if needed is not None else None,
        score_on_by_without=estimates[0].exact,
        below_from_without=without.first_below,
    )
