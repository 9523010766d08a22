"""Every assumption of the estimate, with its value, source and confidence (jss-model.md).

The window's Model page lists these, so that nothing the engine does is hidden from the user.
Confidence: OFF official text; STAFF a moderator's answer; 2ND official text quoted elsewhere;
COMM community reverse engineering; OURS our own hypothesis, chosen to fit reported numbers.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.engine.rules import Rules, resolve
from tracker.records.model import Log

LATEST = date(9999, 1, 1)


def _money(cents: int) -> str:
    return f"${cents // 100:,}"


def _tiers(rules: Rules) -> str:
    if rules.tiers is None:
        return "every contract weighs 1"
    parts = [f"up to {_money(limit)}: {quarters / 4:g}" for limit, quarters in rules.tiers]
    return ", ".join(parts) + f", more: {rules.top_tier_quarters / 4:g}"


def _clients_over(rules: Rules) -> tuple[str, str, str, str, str]:
    """Where the minimum's clients are counted: the rule option `clients_over`."""
    text = (
        "The contracts of the minimum are counted in the last 24 months; its different clients"
        " there too, or (lifetime, from upwork-2024-09 on) ever: any client with a job that"
        " counts, however old."
    )
    if rules.lifetime_clients:
        return (
            "Clients of the minimum",
            "ever (lifetime)",
            "OURS",
            text,
            "recent help texts say 'two different clients in your lifetime'; unconfirmed",
        )
    return ("Clients of the minimum", "in the last 24 months", "OFF", text, "marketplace help")


def list_assumptions(log: Log) -> list[dict[str, Any]]:
    """The assumptions with the values of the rule set the log uses today (or its latest era)."""
    choice = resolve(log, None)
    rules = choice.on(LATEST)
    assert rules is not None
    rows = [
        (
            "Rule sets by date",
            "by date (auto)" if choice.name == "auto" else choice.name,
            "OFF",
            "Launch 2015-03-01; earnings tiers 2020-03-01; no-feedback contracts dropped"
            " 2020-11-08; public feedback weighs more 2023-12-01; daily updates 2024-09-01.",
            "marketplace announcements; 2024-09 date from the community",
        ),
        (
            "Windows",
            "24, 12, 6 and 3 months",
            "OFF",
            "The score is the best valid of 24 months, 12 months, 6 months and Trending; a"
            " contract leaves a window the day after it is that many months old.",
            "marketplace help",
        ),
        (
            "Trending",
            "mean of 3 and 6 months" if rules.trending else "off",
            "OFF",
            "Trending = (3-month score + 6-month score) / 2, valid when both are.",
            "official example: 24m 92, 12m 88, 6m 94, 3m 98 gives 96",
        ),
        (
            "Minimum to show a score",
            f"{rules.min_contracts} contracts from {rules.min_clients} clients"
            if rules.min_contracts
            else f"{rules.min_clients} different clients",
            "OFF",
            "Without it in the last 24 months the score is hidden.",
            "marketplace help",
        ),
        _clients_over(rules),
        (
            "Public feedback classes",
            f">= {float(rules.public_positive):g} positive,"
            f" >= {float(rules.public_neutral):g} neutral",
            "OURS",
            "Stars (else the mean of the sub-scores) decide the public class.",
            "community: 4 stars already pulls the score down",
        ),
        (
            "Private feedback classes",
            f">= {rules.private_positive} positive, >= {rules.private_neutral} neutral",
            "OURS",
            "The hidden 0-10 score, read like a Net Promoter Score.",
            "our hypothesis",
        ),
        (
            "Public and private together",
            "the private score first"
            if rules.combine == "private_first"
            else "the worse of the two",
            "OFF",
            "Before 2023-12 the private score decided when known; since, the worse of both counts.",
            "2015 moderator answer; 2023 announcement",
        ),
        (
            "Values",
            f"positive {float(rules.positive_value):g}, neutral {float(rules.neutral_value):g},"
            f" negative {float(rules.negative_value):g}"
            + (" (literal: 1, 0, -1)" if rules.formula == "literal" else ""),
            "OURS",
            "A window scores 100 x (sum of weight x value) / (sum of weights).",
            "the official (successful - negative) / total, rescaled to 0-100",
        ),
        (
            "Earnings weight",
            _tiers(rules),
            "OFF",
            "Bigger contracts weigh more, from 2020-03.",
            "marketplace help",
        ),
        (
            "Duration weight",
            "+1 per 90 days of payments, at most " + str(rules.cap),
            "OFF",
            "Longer contracts count as more jobs; that tier and duration add up is ours.",
            "marketplace help",
        ),
        (
            "Long-term without feedback",
            "positive after 90 days of payments",
            "2ND",
            "A long contract without feedback is automatically considered successful.",
            "official text quoted by users",
        ),
        (
            "Waiting for feedback",
            f"{rules.feedback_wait_days} days",
            "OURS",
            "After a contract ends both parties have 14 days to leave feedback (official);"
            " that the score waits for it is ours.",
            "marketplace help, our hypothesis",
        ),
        (
            "Ended without feedback",
            rules.no_feedback,
            "OFF",
            "Counted negative until 2020-11-08, excluded since.",
            "2020 announcement",
        ),
        (
            "$0 contracts",
            "count only when negative" if rules.zero_earned == "excluded" else "count",
            "OFF",
            "From 2020-03, a contract that earned nothing counts only when it is negative.",
            "marketplace help",
        ),
        (
            "Idle open contracts",
            f"negative after {rules.idle_days} days without payment"
            if rules.idle_days
            else "not counted",
            "COMM",
            "In 2015 dormant open contracts counted against the score.",
            "2015 forum reports",
        ),
        (
            "Blamed endings",
            ", ".join(sorted(rules.blamed_reasons)),
            "OFF",
            "Contracts ended for these reasons count negative, whatever the feedback.",
            "marketplace help",
        ),
        ("Disputes", "negative", "OFF", "A disputed contract counts negative.", "marketplace help"),
        (
            "Flagged clients",
            "excluded",
            "OFF",
            "Contracts with clients the marketplace flagged or suspended do not count.",
            "marketplace help",
        ),
        (
            "Anchor",
            "last payment or end" if rules.anchor == "last_activity" else "end date",
            "2ND",
            "The clock runs from the date of the last transaction.",
            "official text quoted by users",
        ),
        (
            "Official updates",
            "every other Sunday until 2024-08-25, daily since 2024-09-01",
            "STAFF",
            "The official value is the estimate on the last update day.",
            "moderator answer; community date",
        ),
        (
            "Top Rated",
            "90+ in 13 of the last 16 weeks, $1,000 in 12 months, 90 days, no hold",
            "OFF",
            "Badge conditions as the marketplace lists them.",
            "marketplace help",
        ),
        (
            "Top Rated Plus",
            f"Top Rated, $10,000 in 12 months,"
            f" a {_money(rules.large_contract_amount_cents)}+ contract",
            "OFF",
            "Badge conditions as the marketplace lists them.",
            "marketplace help",
        ),
    ]
    return [
        {"rule": rule, "value": value, "confidence": conf, "text": text, "source": source}
        for rule, value, conf, text, source in rows
    ]
