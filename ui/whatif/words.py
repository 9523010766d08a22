"""The What if page's sentences, from `whatif_report`: typed results in, plain words out.

Kept apart from the widgets so that what a freelancer reads is tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from tracker.engine.labels import BADGE_NAMES
from tracker.engine.numbers import out4
from tracker.engine.results import ScoreReport, Trending, WindowScore
from ui.wording import WINDOW_NAMES, WINDOW_ORDER, one_decimal, signed, whole

if TYPE_CHECKING:
    from tracker.engine.whatif import WhatIf


@dataclass(frozen=True)
class Row:
    """One line of the before/after table; `tone` is up, down or same (for the change's mark)."""

    name: str
    before: str
    after: str
    change: str
    tone: str


@dataclass(frozen=True)
class Cause:
    delta: str
    text: str
    tone: str
    contract: str | None


def estimate_cell(report: ScoreReport) -> str:
    """'93% · 93.3' or 'hidden'."""
    if report.exact is None:
        return "hidden"
    return f"{whole(report.exact)}% · {one_decimal(report.exact)}"


def window_cell(window: WindowScore | Trending, key: str = "") -> str:
    """'91.7', '100.0 (not valid)', or why there is no number."""
    if window.score is None:
        return "not valid" if key == "trending" else "no job counted"
    return one_decimal(window.score) + ("" if window.valid else " (not valid)")


def tone_of(delta: float | None) -> str:
    if delta is None or round(delta, 1) == 0:
        return "same"
    return "up" if delta > 0 else "down"


def difference(before: Fraction | None, after: Fraction | None) -> tuple[str, str]:
    """The move of one number ('+1.2'), blank when it does not move at one decimal.

    The difference of the two values as written (4 places), as `whatif --json` gives them."""
    written_before, written_after = out4(before), out4(after)
    if written_before is None or written_after is None:
        return ("" if written_before == written_after else "\u2013"), "same"
    delta = written_after - written_before
    tone = tone_of(delta)
    return ("" if tone == "same" else signed(delta)), tone


def window_of(report: ScoreReport, key: str) -> WindowScore | Trending:
    return report.trending if key == "trending" else report.window(key)


def comparison_rows(report: WhatIf) -> list[Row]:
    """The estimate, each window and each badge, before and after the sandbox's changes."""
    before, after = report.before, report.after
    change = out4(report.change)
    if change is not None:
        moved, tone = ("" if tone_of(change) == "same" else signed(change)), tone_of(change)
    else:
        moved, tone = difference(before.exact, after.exact)
    rows = [Row("Estimate", estimate_cell(before), estimate_cell(after), moved, tone)]
    for key in WINDOW_ORDER:
        b, a = window_of(before, key), window_of(after, key)
        moved, tone = difference(b.score, a.score)
        rows.append(
            Row(f"   {WINDOW_NAMES[key]}", window_cell(b, key), window_cell(a, key), moved, tone)
        )
    for key, name in BADGE_NAMES.items():
        had, has = before.badges.named(key).has, after.badges.named(key).has
        moved = "" if had == has else ("gained" if has else "lost")
        tone = "same" if had == has else ("up" if has else "down")
        rows.append(Row(name, "yes" if had else "no", "yes" if has else "no", moved, tone))
    return rows


def headline(report: WhatIf, steps: int) -> str:
    """One sentence for the whole difference."""
    if steps == 0:
        return "Pick a change on the left and add it: its effect shows here, side by side."
    before, after = report.before, report.after
    change = out4(report.change)
    if change is None:
        if before.exact is None and after.exact is None:
            return f"The estimate stays hidden: {after.hidden_reason}."
        if after.exact is None:
            return f"The estimate would be hidden: {after.hidden_reason}."
        return f"The estimate would show again: {estimate_cell(after)}."
    if round(change, 1) == 0:
        return f"The estimate would stay at {one_decimal(after.exact)}."
    verb = "rise" if change > 0 else "fall"
    return (
        f"The estimate would {verb} from {one_decimal(before.exact)} to "
        f"{one_decimal(after.exact)} ({signed(change)}): as the marketplace shows it, "
        f"{whole(before.exact)}% \u2192 {whole(after.exact)}%."
    )


def causes(report: WhatIf) -> tuple[list[Cause], list[str]]:
    """The causes that move the estimate (largest first, as the report orders them), and the
    texts of those that do not."""
    moving: list[Cause] = []
    quiet: list[str] = []
    for cause in report.causes:
        delta = None if cause.delta is None else float(cause.delta)
        if delta is None or round(delta, 2) == 0:
            quiet.append(cause.text)
            continue
        moving.append(Cause(signed(delta, 2), cause.text, tone_of(delta), cause.contract))
    return moving, quiet
