"""The trend as CSV, in the columns of `trend --csv` (interface.md): empty cells for null."""

from __future__ import annotations

import csv
import io
from typing import Any

COLUMNS = ("date", "live", "official", "observed", "invites_per_week", "proposals_per_week")


def trend_csv(report: dict[str, Any]) -> str:
    """The report's points, one row each, with a header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for point in report.get("points") or []:
        writer.writerow(["" if point.get(column) is None else point[column] for column in COLUMNS])
    return out.getvalue()
