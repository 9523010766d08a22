"""The estimate on one day: every contract's state, the windows, and the effect of each contract.

jss-model.md sections 3 to 5 and 8 ("on one date").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from operator import attrgetter
from typing import ClassVar

from tracker.collector import without_cycle_collection
from tracker.engine.calendar import add_months, window_ends
from tracker.engine.facts import ContractFacts, build_facts
from tracker.engine.outcome import ContractState, contract_state
from tracker.engine.rules import NO_SCORE_BEFORE, RuleChoice, Rules
from tracker.engine.windows import Estimate, Tally, estimate_from, hidden_estimate, quick_estimate
from tracker.records.model import Log

ALL_WINDOWS = (0, 1, 2, 3)


class LogIndex:
    """A log with its per-contract facts, built once and shared by every evaluation."""

    @without_cycle_collection
    def __init__(self, log: Log, *, keep: bool = True) -> None:
        """keep=False: see build_facts."""
        self.log = log
        self.facts: list[ContractFacts] = sorted(
            build_facts(log, keep=keep), key=attrgetter("contract.id")
        )
        # (f.contract.id: the property's call costs more than the dicts' other work)
        self.by_id = {f.contract.id: f for f in self.facts}
        # After this day a contract can be in no window any more (its anchor is at most `latest`).
        self.horizon = {f.contract.id: add_months(f.latest, 24) for f in self.facts}

    _cache: ClassVar[dict[int, LogIndex]] = {}

    @classmethod
    def of(cls, log: Log) -> LogIndex:
        cached = cls._cache.get(id(log))
        if cached is None or cached.log is not log:
            cached = cls(log)
            cls._cache.clear()
            cls._cache[id(log)] = cached
        return cached


def windows_of(state: ContractState, day: date) -> tuple[int, ...]:
    """The windows (indices into 3m, 6m, 12m, 24m) a counted state is in on `day`."""
    if not state.counted:
        return ()
    if state.anchor_moving:
        return ALL_WINDOWS
    ends = window_ends(state.anchor)
    if day > ends[3]:
        return ()
    return tuple(w for w in ALL_WINDOWS if day <= ends[w])


@dataclass
class Evaluation:
    day: date
    rules: Rules | None
    rules_name: str | None
    estimate: Estimate
    states: dict[str, ContractState]
    windows: dict[str, tuple[int, ...]]
    tally: Tally
    index: LogIndex

    def effect(self, contract_id: str) -> Fraction | None:
        """The estimate with the contract minus without it (None when either is hidden)."""
        state = self.states[contract_id]
        if not state.counted:
            return Fraction(0)
        if self.rules is None or self.estimate.exact is None:
            return None
        ws = self.windows[contract_id]
        if not ws and not self.rules.lifetime_clients:
            return Fraction(0)
        client = self.index.by_id[contract_id].contract.client
        value = self.rules.value_twentieths(state.outcome)
        without = quick_estimate(self.tally, self.rules, (state.weight_quarters, value, client, ws))
        if without.exact is None:
            return None
        return self.estimate.exact - without.exact

    def effects(self) -> dict[str, Fraction | None]:
        """Every contract's `effect`, each distinct one worked out once.

        A contract's effect depends only on its weight, its value, its windows and whether its
        client has no other contract in each of them (and ever, under lifetime eligibility):
        contracts alike in these share one answer, so ten thousand need a few hundred estimates.
        """
        zero = Fraction(0)
        rules, exact = self.rules, self.estimate.exact
        out: dict[str, Fraction | None] = {}
        if rules is None or exact is None:
            for cid, state in self.states.items():
                out[cid] = zero if not state.counted else None
            return out
        ever = rules.lifetime_clients
        tally, clients, lifetime = self.tally, self.tally.clients, self.tally.lifetime
        by_id, windows = self.index.by_id, self.windows
        value_of = rules.value_twentieths
        known: dict[tuple[object, ...], Fraction | None] = {}
        for cid, state in self.states.items():
            ws = windows[cid]
            if not state.counted or (not ws and not ever):
                out[cid] = zero
                continue
            client = by_id[cid].contract.client
            q, value = state.weight_quarters, value_of(state.outcome)
            key = (
                q,
                value,
                ws,
                tuple(clients[w].get(client) == 1 for w in ws),
                ever and lifetime.get(client) == 1,
            )
            if key not in known:
                without = quick_estimate(tally, rules, (q, value, client, ws)).exact
                known[key] = None if without is None else exact - without
            out[cid] = known[key]
        return out


@without_cycle_collection
def evaluate(index: LogIndex, day: date, choice: RuleChoice, *, full: bool = True) -> Evaluation:
    """Evaluate `day`. With full=False, contracts that can be in no window are skipped (faster)."""
    rules = choice.on(day)
    tally = Tally()
    states: dict[str, ContractState] = {}
    windows: dict[str, tuple[int, ...]] = {}
    if rules is None:
        return Evaluation(
            day, None, None, hidden_estimate(NO_SCORE_BEFORE), states, windows, tally, index
        )
    horizon = index.horizon
    ever = rules.lifetime_clients
    kept = _kept.pop((day, id(rules)), None)
    previous = kept[1] if kept is not None else {}
    made: KeptStates = {}
    windows_by_anchor: dict[date, tuple[int, ...]] = {}
    for f in index.facts:
        c = f.contract
        if c.started > day:
            continue
        cid = c.id
        if not full and horizon[cid] < day:
            # In no window any more, but under lifetime eligibility its client may still count.
            if ever and contract_state(f, day, rules).counted:
                tally.add_lifetime(c.client)
            continue
        fid = id(f)
        known = previous.get(fid)
        if known is None:
            state = contract_state(f, day, rules)
            ws: tuple[int, ...] | None
            if not state.counted:
                ws = ()
            elif state.anchor_moving:
                ws = ALL_WINDOWS
            else:  # windows_of, once per anchor: ten thousand contracts share a few thousand
                ws = windows_by_anchor.get(state.anchor)
                if ws is None:
                    ws = windows_by_anchor[state.anchor] = windows_of(state, day)
            known = (f, state, ws)
        made[fid] = known
        _, state, ws = known
        states[cid] = state
        windows[cid] = ws
        if ws:
            tally.add_windows(
                ws, state.weight_quarters, rules.value_twentieths(state.outcome), c.client
            )
        if ever and state.counted:
            tally.add_lifetime(c.client)
    _kept[(day, id(rules))] = (rules, made)
    while len(_kept) > KEPT_DAYS:
        del _kept[next(iter(_kept))]
    estimate = estimate_from(tally, rules)
    return Evaluation(day, rules, choice.name_on(day), estimate, states, windows, tally, index)


# A contract's state and windows on a day under a rule set, kept from the last evaluation of that
# day and rule set (up to KEPT_DAYS of them: the day itself, the last official update, a plan's
# `by`): facts are kept across an edit (facts.build_facts), so after one edit only the changed
# contract's state is made again. A state depends only on the facts, the day and the rules, and is
# never changed once made. Keyed by identity; the facts and the rules are kept with their entry,
# so an id seen here belongs to no other object while the entry lives.
KeptStates = dict[int, tuple[ContractFacts, ContractState, tuple[int, ...]]]
_kept: dict[tuple[date, int], tuple[Rules, KeptStates]] = {}
KEPT_DAYS = 8


def estimate_on(index: LogIndex, day: date, choice: RuleChoice) -> Estimate:
    return evaluate(index, day, choice, full=False).estimate
