"""File > Export a table as CSV: one table, safe to open in a spreadsheet, written atomically."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from tracker.io.atomic_file import write_atomically
from tracker.io.csv_tables import TABLE_NAMES, export_table_csv
from tracker.records.model import Log


def export_table_to(log: Log, table: str, path: Path) -> None:
    """Write `table` of `log` to `path` as CSV; a crash leaves any old file whole."""
    write_atomically(path, export_table_csv(log, table))


def ask_table_and_file(window: QWidget, folder: Path) -> tuple[str, Path] | None:
    """The table, then the file, as the user chooses them (None if they cancel either)."""
    table, chosen = QInputDialog.getItem(
        window, "Export a table as CSV", "Table:", list(TABLE_NAMES), 1, False
    )
    if not chosen or not table:
        return None
    name, _ = QFileDialog.getSaveFileName(
        window, f"Export {table} as CSV", str(folder / f"{table}.csv"), "CSV (*.csv)"
    )
    return (table, Path(name)) if name else None
