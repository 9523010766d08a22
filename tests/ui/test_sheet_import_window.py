"""A user's own spreadsheet through the mapping step, and a table exported as CSV."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from shell_fakes import FakeRepository
from shell_logs import AS_OF, small_log

from tracker.io.csv_tables import export_table_csv, read_csv_table
from tracker.records.model import Log
from tracker.store import Repository
from tracker.store.backups import rolling_backups
from ui.file_errors import file_error_types
from ui.importing.actions import ImportActions
from ui.importing.mapping_dialog import SheetMappingDialog
from ui.importing.sheet_mapping import guess_mapping, required_fields
from ui.operations import EngineReports, Operations

SHEET = (
    "Client,Job title,KIND,Started,Ended\n"
    "Acme Ltd,Logo,fixed,2025-05-01,2025-05-20\n"
    "Birch & Co,Site fixes,hourly,2025-06-02,\n"
)


@pytest.fixture
def imports(qtbot: QtBot, repository: FakeRepository) -> Iterator[ImportActions]:
    window = QWidget()
    qtbot.addWidget(window)
    operations = Operations(repository, AS_OF, reports=EngineReports(), poll_interval_ms=0)
    yield ImportActions(
        operations,
        window,
        error_types=file_error_types,
    )


def mapping_of(qtbot: QtBot, imports: ImportActions, path: Path) -> SheetMappingDialog:
    dialog = imports.map_spreadsheet(path)
    assert dialog is not None
    return dialog


def sheet(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "past-work.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_matching_names_are_chosen_case_and_spacing_ignored() -> None:
    headers = ["Client", "Job title", "KIND", "Started", "End reason", "Skills"]
    assert guess_mapping("contracts", headers) == {
        "client": "Client",
        "kind": "KIND",
        "started": "Started",
        "end_reason": "End reason",
    }
    assert guess_mapping("feedback", headers)["scores.skills"] == "Skills"


def test_needed_fields_leave_out_ids_made_from_the_content() -> None:
    assert required_fields("contracts") == ["client", "kind", "started"]
    assert required_fields("feedback") == ["contract", "date"]


def test_the_mapping_step_prefills_and_marks_needed_fields(
    qtbot: QtBot, imports: ImportActions, tmp_path: Path
) -> None:
    dialog = mapping_of(qtbot, imports, sheet(tmp_path, SHEET))
    assert dialog.mapping() == {
        "client": "Client",
        "kind": "KIND",
        "started": "Started",
        "ended": "Ended",
    }
    assert dialog.problem.text() == "All 2 rows read."
    assert dialog.preview.rowCount() == 2
    assert dialog.preview.item(0, 2).text() == "2025-05-01"


def test_a_bad_cell_is_named_by_its_line_and_column(
    qtbot: QtBot, imports: ImportActions, tmp_path: Path
) -> None:
    bad = SHEET + "Acme Ltd,Poster,fixed,someday,\n"
    dialog = mapping_of(qtbot, imports, sheet(tmp_path, bad))
    assert dialog.problem.text().startswith("Line 4, column Started: ")
    assert "'someday'" in dialog.problem.text()
    assert not dialog.continue_button.isEnabled()
    assert dialog.preview.rowCount() == 3  # the rows still show, as written


def test_mapped_rows_import_through_the_preview(
    qtbot: QtBot, imports: ImportActions, repository: FakeRepository, tmp_path: Path
) -> None:
    repository.current = Log()
    dialog = mapping_of(qtbot, imports, sheet(tmp_path, SHEET))
    dialog.map_field("title", "Job title")
    with qtbot.waitSignal(imports.flow.previewed, timeout=20_000) as shown:
        dialog.continue_button.click()
    preview = shown.args[0]
    assert "Would be added: 2 clients, 2 contracts" in preview.summary.text()
    assert "1 new contract is open (Site fixes)" in preview.needs_you.text()
    assert repository.current.contracts == ()
    preview.import_button.click()
    assert sorted(c.title for c in repository.current.contracts) == ["Logo", "Site fixes"]
    assert repository.undo_label == "import past-work.csv"


def test_the_open_log_is_backed_up_through_the_repository_before_the_import(
    qtbot: QtBot, imports: ImportActions, repository: FakeRepository, tmp_path: Path
) -> None:
    before = repository.current
    dialog = mapping_of(qtbot, imports, sheet(tmp_path, SHEET))
    dialog.map_field("title", "Job title")
    with qtbot.waitSignal(imports.flow.previewed, timeout=20_000) as shown:
        dialog.continue_button.click()
    with qtbot.waitSignal(imports.flow.ended) as ended:
        shown.args[0].import_button.click()
    assert ended.args == [True]
    (made,) = rolling_backups(repository.path)
    assert made.name.endswith("-import.sqlite3")
    with Repository.open(made, create=False) as copy:
        assert copy.log().contracts == before.contracts
    assert len(repository.current.contracts) == len(before.contracts) + 2


def test_a_table_exports_as_csv(
    imports: ImportActions, repository: FakeRepository, tmp_path: Path
) -> None:
    out = tmp_path / "contracts.csv"
    assert imports.export_table_to("contracts", out)
    assert out.read_bytes() == export_table_csv(small_log(), "contracts")
    headers, rows = read_csv_table(out.read_bytes())
    assert headers[:3] == ["id", "client", "title"]
    assert len(rows) == len(small_log().contracts)


def test_a_field_the_sheet_lacks_can_be_typed_once_for_every_row(
    qtbot: QtBot, imports: ImportActions, repository: FakeRepository, tmp_path: Path
) -> None:
    repository.current = Log()
    no_kind = "Client,Job title,Started\nAcme Ltd,Logo,2025-05-01\nBirch & Co,Poster,2025-06-02\n"
    dialog = mapping_of(qtbot, imports, sheet(tmp_path, no_kind))
    dialog.map_field("title", "Job title")
    assert "need a column for kind" in dialog.problem.text()
    assert not dialog.continue_button.isEnabled()
    qtbot.keyClicks(dialog.every_row["kind"], "Fixed")
    assert dialog.problem.text() == "All 2 rows read."
    kind_column = [
        dialog.preview.horizontalHeaderItem(c).text() for c in range(dialog.preview.columnCount())
    ].index("kind")
    assert [dialog.preview.item(r, kind_column).text() for r in range(2)] == ["fixed", "fixed"]
    dialog.map_field("kind", "Client")  # a column chosen: the value for every row steps aside
    assert not dialog.every_row["kind"].isEnabled() and "kind" not in dialog.constants()


def test_payments_name_their_contract_by_title_and_client_in_the_mapping(
    qtbot: QtBot, imports: ImportActions, repository: FakeRepository, tmp_path: Path
) -> None:
    contract = repository.current.contracts[0]
    client = next(c for c in repository.current.clients if c.id == contract.client)
    paid = f"Job,For,Paid on,Amount\n{contract.title},{client.name},2026-02-27,120\n"
    dialog = mapping_of(qtbot, imports, sheet(tmp_path, paid))
    dialog.choose_table("payments")
    dialog.map_field("contract", "Job")
    dialog.map_field("contract_client", "For")
    dialog.map_field("date", "Paid on")
    dialog.map_field("amount", "Amount")
    assert dialog.problem.text() == "The 1 row reads."
    assert dialog.reading is not None and dialog.reading.fragment is not None
    assert [p.contract for p in dialog.reading.fragment.payments] == [contract.id]
