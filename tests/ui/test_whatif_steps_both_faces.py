"""Each what-if step, tried in the window's sandbox and written in a `whatif --change` file's
`steps`, gives the same estimate: both faces run the library's steps (tracker.usecases.whatif)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from shell_logs import AS_OF, d, seeded, small_log

from tracker.cli import run
from tracker.cli.json_out import whatif_json
from tracker.store.repository import Repository
from tracker.usecases.whatif import (
    AddContract,
    ChangePrivate,
    CloseContract,
    Dispute,
    Refund,
    RemoveContract,
    Step,
)
from ui.operations import EngineReports, Operations
from ui.theme import Theme
from ui.whatif.page import WhatIfPage
from ui.wording import one_decimal

THREE = Decimal("3.0")
STEPS: list[tuple[list[Step], list[dict[str, Any]]]] = [
    (
        [CloseContract("k-6", d("2026-02-20"), THREE, 5)],
        [{"step": "close", "contract": "k-6", "on": "2026-02-20", "stars": 3.0, "private": 5}],
    ),
    (
        [AddContract("Logo", Decimal("900"), d("2026-02-25"), client="acme")],
        [{"step": "add", "title": "Logo", "amount": 900, "on": "2026-02-25", "client": "acme"}],
    ),
    (
        [AddContract("Poster", Decimal("120"), d("2026-02-25"), stars=None, private=2)],
        [
            {
                "step": "add",
                "title": "Poster",
                "amount": 120,
                "on": "2026-02-25",
                "stars": None,
                "private": 2,
            }
        ],
    ),
    (
        [ChangePrivate("k-3", 2)],
        [{"step": "private", "contract": "k-3", "private": 2}],
    ),
    (
        [Dispute("k-6", d("2026-02-20"))],
        [{"step": "dispute", "contract": "k-6", "on": "2026-02-20"}],
    ),
    (
        [Refund("k-5", Decimal("650"))],
        [{"step": "refund", "contract": "k-5", "amount": 650}],
    ),
    (
        [RemoveContract("k-3")],
        [{"step": "remove", "contract": "k-3"}],
    ),
    (
        [CloseContract("k-6", d("2026-02-20"), Decimal("5.0")), ChangePrivate("k-6", 1)],
        [
            {"step": "close", "contract": "k-6", "on": "2026-02-20", "stars": 5},
            {"step": "private", "contract": "k-6", "private": 1},
        ],
    ),
]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return seeded(tmp_path / "repute.sqlite3", small_log())


@pytest.fixture
def page(qtbot: QtBot, database: Path, theme: Theme) -> Iterator[WhatIfPage]:
    repository = Repository.open(database, create=False)
    operations = Operations(repository, AS_OF, reports=EngineReports(), poll_interval_ms=0)
    shown = WhatIfPage(operations, theme)
    qtbot.addWidget(shown)
    shown.resize(1200, 900)
    shown.show()
    qtbot.waitUntil(lambda: shown.report is not None)
    yield shown
    operations.stop_polling()
    repository.close()


def command_line_whatif(
    database: Path, tmp_path: Path, steps: list[dict[str, Any]], capsys: Any
) -> dict[str, Any]:
    change = tmp_path / "change.json"
    change.write_text(json.dumps({"steps": steps}), encoding="utf-8")
    capsys.readouterr()
    arguments = ["--db", str(database), "whatif", "--change", str(change)]
    assert run([*arguments, "--as-of", AS_OF.isoformat(), "--json"]) == 0
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def shown_after(page: WhatIfPage) -> str:
    """The estimate's 'with the changes' cell of the before/after table, as the user reads it."""
    for index in range(page.table.count()):
        item = page.table.itemAt(index)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QLabel) and page.table.getItemPosition(index)[:2] == (1, 2):
            return QTextDocumentFragment.fromHtml(widget.text()).toPlainText()
    raise AssertionError("no estimate row in the table")


@pytest.mark.parametrize(("steps", "written"), STEPS)
def test_a_step_gives_the_same_estimate_in_the_window_and_on_the_command_line(
    page: WhatIfPage,
    database: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    steps: list[Step],
    written: list[dict[str, Any]],
) -> None:
    on_the_command_line = command_line_whatif(database, tmp_path, written, capsys)
    for step in steps:
        page.add_step(step)
    assert page.result is not None
    assert [o.problem for o in page.result.outcomes] == [None] * len(steps)
    assert page.report is not None
    # The window's typed answer, written as the command line writes it.
    in_the_window = json.loads(json.dumps(whatif_json(page.report)))
    assert in_the_window == on_the_command_line
    after = on_the_command_line["after"]["exact"]
    assert after is not None
    assert shown_after(page).endswith(one_decimal(after))


def test_a_step_that_does_not_fit_is_refused_by_the_command_line_with_its_place(
    database: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change = tmp_path / "change.json"
    steps = [{"step": "remove", "contract": "k-1"}, {"step": "refund", "contract": "k-1",
                                                      "amount": 10}]  # fmt: skip
    change.write_text(json.dumps({"steps": steps}), encoding="utf-8")
    capsys.readouterr()
    assert run(["--db", str(database), "whatif", "--change", str(change)]) == 1
    assert capsys.readouterr().err == "steps[1]: contract 'k-1' is not in the log (any more)\n"
