"""Human-readable output of the command line: aligned tables and sentences, from the reports."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from tracker.engine.calendar import WINDOW_NAMES
from tracker.engine.labels import BADGE_NAMES
from tracker.engine.numbers import as_decimal, dollars, out4
from tracker.engine.results import ContractLine, Explained, Forecast, Move, ScoreReport, Trend
from tracker.engine.texts import plural


def number(value: Fraction | Decimal | float | None, places: int = 1) -> str:
    """A value at `places` decimals, rounded half up from its 4-place form (as --json has it)."""
    written = out4(value) if isinstance(value, Fraction) else value
    if written is None:
        return "-"
    return str(as_decimal(written).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=False)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip() for row in rows
    )
    return "\n".join(lines)


def score_text(r: ScoreReport) -> str:
    out = [f"Job Success Score estimate on {r.as_of} (rules: {r.rules})", ""]
    if r.exact is not None:
        out.append(f"  Estimate        {r.score}%  ({number(r.exact)})   best: {r.winner}")
    else:
        out.append(f"  Estimate        hidden: {r.hidden_reason}")
    # The value the stats page shows is Repute's estimate too: said so, and hidden said plainly.
    if r.official is not None:
        update = f"the update of {r.official_on}" if r.official_on else "the last update"
        # A whole percent first, as the stats page (and the window) shows it.
        official = f"{number(r.official, 0)}% ({number(r.official)}), as estimated from {update}"
    else:
        official = "hidden: no score is shown on the stats page yet"
    out.append(f"  Stats page      {official}; next update {r.next_update}")
    cells = []
    for name in (*reversed(WINDOW_NAMES), "trending"):
        w = r.trending if name == "trending" else r.window(name)
        mark = "" if w.valid else " (not valid)"
        star = " *" if r.winner == name else ""
        cells.append(f"{name} {number(w.score)}{mark}{star}")
    out.append("  Windows         " + " | ".join(cells))
    s = r.stats
    out.append(
        f"  Stats           earned 12m ${dollars(s.earnings_12m_cents):,.2f}; feedback avg "
        f"{number(s.feedback_average, 2)} (12m {number(s.feedback_average_12m, 2)}); "
        f"would recommend {percent(s.would_recommend)}; long-term clients "
        f"{percent(s.long_term_clients)}; holds {s.recent_holds}"
    )
    for key, label in BADGE_NAMES.items():
        badge = r.badges.named(key)
        status = "yes" if badge.has else "no: " + "; ".join(badge.missing)
        out.append(f"  {label:<16}{status}")
    if r.warnings:
        out.append("")
        out.append("Needs you:")
        out.extend(f"  {w.text} -> {w.advice}" for w in r.warnings)
    if r.next_change is not None:
        m = r.next_change
        causes = "; ".join(c.text for c in m.causes)
        out.append("")
        out.append(f"Next change: {m.day}: {number(m.before)} -> {number(m.after)} ({causes})")
    out.append("")
    out.append(contracts_text(r.contracts))
    return "\n".join(out)


def percent(value: Fraction | None) -> str:
    """A share as a whole percent, from its 4-place form: 0.8333 -> '83%'."""
    shown = out4(value)
    return "-" if shown is None else f"{shown * 100:.0f}%"


def contracts_text(contracts: tuple[ContractLine, ...]) -> str:
    rows = [
        [
            c.id,
            c.title[:28],
            c.outcome,
            number(c.weight, 2),
            c.anchor.isoformat(),
            ",".join(c.windows) or "-",
            number(c.effect, 2) if c.effect is not None else "-",
            c.reason,
        ]
        for c in contracts
    ]
    return table(["id", "title", "outcome", "jobs", "anchor", "windows", "effect", "why"], rows)


def explain_since_text(r: Explained) -> str:
    # Written at one decimal as the window writes it, adding up as written.
    shown = r.shown()
    out = [
        f"From {r.since} to {r.as_of}: {number(r.before)} -> {number(r.after)}"
        + (
            f" ({'+' if shown.change >= 0 else ''}{shown.change})"
            if shown.change is not None
            else " (no numbers: the score is hidden on one side)"
        )
    ]
    if r.rules_before != r.rules_after:
        out.append(f"Rules: {r.rules_before} -> {r.rules_after}")
    rows, still = [], 0
    for c, part in zip(r.causes, shown.parts, strict=True):
        # A contract leaving a window that was not the best one moves nothing: counted, not listed.
        if c.delta == 0 and part is not None and part == 0:
            still += 1
            continue
        rows.append(
            [c.day.isoformat() if c.day else "", "-" if part is None else str(part), c.text]
        )
    out.append(table(["date", "delta", "cause"], rows) if rows else "Nothing moved.")
    if still:
        out.append(
            f"{plural(still, 'more event')} in the span did not move the estimate"
            " (--json lists every one)"
        )
    return "\n".join(out)


def forecast_text(r: Forecast) -> str:
    out = [f"With no new activity after {r.as_of} (until {r.until}):"]
    out.append(moves_table(r.moves, "No change ahead."))
    return "\n".join(out)


def moves_table(moves: Sequence[Move], none_ahead: str) -> str:
    """The coming moves of the estimate as a table (date, before -> after, why), or `none_ahead`."""
    rows = []
    for m in moves:
        before = number(m.before) if m.before is not None else "hidden"
        after = number(m.after) if m.after is not None else "hidden"
        rows.append(
            [m.day.isoformat(), f"{before} -> {after}", "; ".join(c.text for c in m.causes)]
        )
    return table(["date", "estimate", "why"], rows) if rows else none_ahead


def trend_text(r: Trend) -> str:
    rows = [
        [
            p.day.isoformat(),
            number(p.live),
            number(p.official),
            str(p.observed) if p.observed is not None else "-",
            number(p.invites_per_week, 2),
            number(p.proposals_per_week, 2),
        ]
        for p in r.points
    ]
    return table(["date", "live", "official", "observed", "invites/wk", "proposals/wk"], rows)
