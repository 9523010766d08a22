"""Whose work a statement holds: an agency's has the earnings of several freelancers.

Such a statement needs a choice, `--freelancer NAME` (only that person's rows) or `--agency` (all
of them); without one it is refused naming the freelancers found. The choice is kept in the log's
settings (`upwork_whose_work`) so the next statement of the same agency imports the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.io.problems import InputError
from tracker.io.upwork.kinds import EARNINGS, REFUND
from tracker.io.upwork.rows import UpworkRow
from tracker.io.upwork.titles import name_key
from tracker.records.model import Log

WHOSE_WORK_SETTING = "upwork_whose_work"
AGENCY = "agency"
OTHER_FREELANCER = "other_freelancer"


class FreelancerChoiceNeeded(InputError):
    """An agency's statement imported without saying whose work to take."""

    def __init__(self, freelancers: tuple[str, ...]) -> None:
        names = ", ".join(freelancers)
        super().__init__(
            "",
            f"this statement holds the earnings of {len(freelancers)} freelancers ({names}); "
            "import it with --freelancer NAME for one person's work, or --agency for all of it",
        )
        self.freelancers = freelancers


@dataclass(frozen=True, slots=True)
class WhoseWork:
    """The rows kept, how many rows of other freelancers were left out, and the setting to keep."""

    rows: tuple[UpworkRow, ...]
    left_out: int
    setting: dict[str, object] | None


def freelancers_in(rows: tuple[UpworkRow, ...]) -> tuple[str, ...]:
    """The freelancers named by earnings rows, each once, in order of first appearance."""
    seen: dict[str, str] = {}
    for row in rows:
        if row.kind in EARNINGS and row.freelancer:
            seen.setdefault(name_key(row.freelancer), " ".join(row.freelancer.split()))
    return tuple(seen.values())


def choose_rows(
    rows: tuple[UpworkRow, ...], existing: Log, freelancer: str | None, agency: bool
) -> WhoseWork:
    """The rows that are the user's work, by the choice given, else the one kept in the log.

    Raises:
        FreelancerChoiceNeeded: several freelancers and no choice, given or kept.
        InputError: `freelancer` names no one in the statement.
    """
    found = freelancers_in(rows)
    if freelancer is None and not agency:
        if len(found) <= 1:
            return WhoseWork(rows, 0, None)
        kept = existing.setting(WHOSE_WORK_SETTING)
        if kept == AGENCY:
            agency = True
        elif isinstance(kept, str) and name_key(kept) in map(name_key, found):
            freelancer = kept
        else:
            raise FreelancerChoiceNeeded(found)
    choice: object = AGENCY if agency else freelancer
    setting: dict[str, object] | None = None
    if existing.setting(WHOSE_WORK_SETTING) != choice:
        setting = {WHOSE_WORK_SETTING: choice}
    if agency or freelancer is None:
        return WhoseWork(rows, 0, setting)
    wanted = name_key(freelancer)
    if found and wanted not in map(name_key, found):
        raise InputError(
            "freelancer",
            f"{freelancer!r} has no earnings in this statement; it names {', '.join(found)}",
        )

    def theirs(row: UpworkRow) -> bool:
        mine = row.kind not in EARNINGS and row.kind != REFUND
        return mine or not row.freelancer or name_key(row.freelancer) == wanted

    kept_rows = tuple(row for row in rows if theirs(row))
    return WhoseWork(kept_rows, len(rows) - len(kept_rows), setting)
