"""File > Import of the marketplace's statements in the window: the preview lists the contracts it
makes with their payments and grouping rule, takes a merge or a split before Import, and asks
what the file cannot say (its date order, whose work, another person's log)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from shell_logs import AS_OF

from tracker.io.upwork.titles import contract_id_for
from tracker.io.upwork.whose import WHOSE_WORK_SETTING
from tracker.store.repository import Repository
from ui.file_errors import file_error_types
from ui.importing.actions import ImportActions
from ui.importing.preview_dialog import ImportPreviewDialog
from ui.importing.question_panel import DAY_FIRST_WORDS
from ui.operations import Operations

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "upwork"
PODCAST = contract_id_for(None, "Harbor Books", "Podcast editing")
LABEL = contract_id_for(None, "Unknown client", "Label design")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Repository]:
    repository = Repository.open(tmp_path / "repute.sqlite3", create=True)
    yield repository
    repository.close()


@pytest.fixture
def imports(qtbot: QtBot, db: Repository) -> Iterator[ImportActions]:
    window = QWidget()
    qtbot.addWidget(window)
    operations = Operations(db, AS_OF, poll_interval_ms=0)
    actions = ImportActions(
        operations,
        window,
        error_types=file_error_types,
    )
    yield actions
    operations.stop_polling()


def previewed(qtbot: QtBot, imports: ImportActions, path: Path) -> ImportPreviewDialog:
    with qtbot.waitSignal(imports.flow.previewed, timeout=20_000) as shown:
        imports.preview_file(path)
    dialog: ImportPreviewDialog = shown.args[0]
    return dialog


def next_preview(qtbot: QtBot, imports: ImportActions, click: object) -> ImportPreviewDialog:
    with qtbot.waitSignal(imports.flow.previewed, timeout=20_000) as shown:
        click.click()  # type: ignore[attr-defined]
    dialog: ImportPreviewDialog = shown.args[0]
    return dialog


def imported(qtbot: QtBot, imports: ImportActions, dialog: ImportPreviewDialog) -> None:
    with qtbot.waitSignal(imports.flow.ended) as ended:
        dialog.import_button.click()
    assert ended.args == [True]


def shown_contracts(dialog: ImportPreviewDialog) -> list[tuple[str, str, int]]:
    """(contract and payments, rule, payments listed) of each contract, as displayed."""
    assert dialog.contracts is not None
    tree = dialog.contracts.tree
    shown = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        rule = item.child(0).text(0)
        assert rule.startswith("grouped ")
        shown.append(
            (
                f"{item.text(0)}: {item.text(1)}",
                rule.removeprefix("grouped "),
                item.childCount() - 1,
            )
        )
    return shown


def test_the_preview_lists_each_contract_with_its_payments_and_rule(
    qtbot: QtBot, imports: ImportActions
) -> None:
    dialog = previewed(qtbot, imports, DATA / "recent.csv")
    assert shown_contracts(dialog) == [
        ("Make 'Data cleanup' for Quill Analytics: 2 payments ($750.00), 1 Sep 2026 to 8 Sep 2026",
         "by its contract number 51000001", 2),
        ("Make 'Label design' for Unknown client: 1 payment ($120.00), 3 Sep 2026",
         "by its title and client (Label design, Unknown client)", 1),
        ("Make 'Podcast editing' for Harbor Books: 3 payments ($650.00), 5 Sep 2026 to 20 Sep 2026",
         "by its title and client (Podcast editing, Harbor Books) and as a bonus from Harbor "
         "Books, on its contract paid last on or before it", 3),
    ]  # fmt: skip
    assert "Label design" in dialog.needs_you.text() and "Unknown client" in dialog.needs_you.text()
    # The list names the new contracts; the summary above it does not name them again, by id.
    assert "New contracts" not in dialog.summary.text() and "upwork-" not in dialog.summary.text()
    dialog.reject()


def test_a_merge_before_import_is_written_and_kept_on_the_next_import(
    qtbot: QtBot, imports: ImportActions, db: Repository, tmp_path: Path
) -> None:
    dialog = previewed(qtbot, imports, DATA / "recent.csv")
    assert dialog.contracts is not None
    assert dialog.contracts.merge_into.currentText() != dialog.contracts.merge_away.currentText()
    dialog.contracts.choose_merge("Label design", "Podcast editing")
    merged = next_preview(qtbot, imports, dialog.contracts.merge_button)
    texts = [text for text, _, _ in shown_contracts(merged)]
    assert any(t.startswith("Make 'Podcast editing' for Harbor Books: 4 payments ($770.00)")
               for t in texts)  # fmt: skip
    assert not any("Label design" in t for t in texts)
    imported(qtbot, imports, merged)
    assert LABEL not in {c.id for c in db.log().contracts}
    assert {p.ref for p in db.log().payments if p.contract == PODCAST} == {
        "800000002", "800000003", "800000006", "800000007"
    }  # fmt: skip
    later = tmp_path / "later.csv"
    lines = (DATA / "recent.csv").read_text(encoding="utf-8").splitlines()
    new_row = lines[-2].replace("800000002", "800000010").replace("Sep 3, 2026", "Sep 29, 2026")
    later.write_text("\n".join([lines[0], lines[-2], new_row]) + "\n", encoding="utf-8")
    again = previewed(qtbot, imports, later)
    imported(qtbot, imports, again)
    assert next(p for p in db.log().payments if p.ref == "800000010").contract == PODCAST


def test_a_split_before_import_makes_two_contracts(
    qtbot: QtBot, imports: ImportActions, db: Repository
) -> None:
    dialog = previewed(qtbot, imports, DATA / "older-2020.csv")
    assert dialog.contracts is not None
    dialog.contracts.choose_split("Hourly work for Client Alpha at $30.00/hr", date(2020, 2, 15))
    split = next_preview(qtbot, imports, dialog.contracts.split_button)
    texts = [text for text, _, _ in shown_contracts(split)]
    assert (
        "Make 'Hourly work for Client Alpha at $30.00/hr' for Client Alpha: 2 payments "
        "($660.00), 3 Feb 2020 to 10 Feb 2020"
    ) in texts
    assert any(t.startswith("Make 'Hourly work for Client Alpha at $30.00/hr (from 2020-02-15)'")
               for t in texts)  # fmt: skip
    imported(qtbot, imports, split)
    assert len(db.log().contracts) == 4


def test_a_file_that_cannot_tell_its_date_order_asks_and_nothing_is_guessed(
    qtbot: QtBot, imports: ImportActions, db: Repository
) -> None:
    dialog = previewed(qtbot, imports, DATA / "ambiguous.csv")
    assert dialog.question is not None
    assert "can be read day first or month first" in dialog.question.text.text()
    assert "--date-order" not in dialog.question.text.text()  # the window asks with its list
    assert not dialog.import_button.isEnabled()
    dialog.question.order.setCurrentIndex(dialog.question.order.findText(DAY_FIRST_WORDS))
    answered = next_preview(qtbot, imports, dialog.question.continue_button)
    imported(qtbot, imports, answered)
    assert sorted(p.date for p in db.log().payments) == [date(2020, 2, 1), date(2020, 4, 3)]


def test_an_agency_statement_asks_whose_work_with_a_list_and_keeps_the_choice(
    qtbot: QtBot, imports: ImportActions, db: Repository
) -> None:
    dialog = previewed(qtbot, imports, DATA / "agency.csv")
    assert dialog.title.text() == "agency.csv is a transaction history"
    assert dialog.question is not None
    people = dialog.question.people
    assert [people.item(i).text() for i in range(people.count())] == [
        "Ana Ruiz", "Tomasz Kowal", "Everyone's: this is my agency's log"
    ]  # fmt: skip
    people.setCurrentRow(1)
    answered = next_preview(qtbot, imports, dialog.question.continue_button)
    imported(qtbot, imports, answered)
    assert sorted(p.ref or "" for p in db.log().payments) == ["200001", "200003"]
    assert db.log().setting(WHOSE_WORK_SETTING) == "Tomasz Kowal"
    again = previewed(qtbot, imports, DATA / "agency.csv")
    assert again.question is None  # the kept choice answers it
    again.reject()


def test_another_person_s_log_is_imported_only_when_the_user_confirms(
    qtbot: QtBot, imports: ImportActions, db: Repository, tmp_path: Path
) -> None:
    sample = json.loads((ROOT / "resources" / "sample-profile.json").read_text(encoding="utf-8"))
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(sample), encoding="utf-8")
    imported(qtbot, imports, previewed(qtbot, imports, mine))
    theirs_doc = {"format": "repute/1", "profile": {"name": "Someone Else"},
                  "clients": [{"id": "their-client", "name": "Their client"}]}  # fmt: skip
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps(theirs_doc), encoding="utf-8")
    dialog = previewed(qtbot, imports, theirs)
    assert dialog.question is not None
    assert dialog.question.text.text() == (
        f"This file is Someone Else's log and yours is {sample['profile']['name']}'s."
    )
    assert not dialog.replace_button.isVisible()
    confirmed = next_preview(qtbot, imports, dialog.question.continue_button)
    imported(qtbot, imports, confirmed)
    assert "their-client" in {c.id for c in db.log().clients}
    assert db.log().profile.name == sample["profile"]["name"]


def test_after_a_merge_what_needs_you_counts_the_contracts_left(
    qtbot: QtBot, imports: ImportActions
) -> None:
    # Seen in a real window: after merging 3 contracts into 2, "the 3 new contracts are open".
    dialog = previewed(qtbot, imports, DATA / "older-2020.csv")
    assert "3 new contracts are open" in dialog.needs_you.text()
    assert dialog.contracts is not None
    dialog.contracts.choose_merge(
        "Hourly work for Client Alpha at $30.00/hr", "Hourly work for Client Alpha at $35.00/hr"
    )
    merged = next_preview(qtbot, imports, dialog.contracts.merge_button)
    assert len(shown_contracts(merged)) == 2
    assert "2 new contracts are open" in merged.needs_you.text()
    assert "3 new contracts" not in merged.needs_you.text()
    merged.reject()


def test_with_nothing_to_split_the_split_row_is_not_offered(
    qtbot: QtBot, imports: ImportActions
) -> None:
    # Seen in a real window: an empty list, "from 2000-01-01" and a greyed Split button.
    dialog = previewed(qtbot, imports, DATA / "agency.csv")
    assert dialog.question is not None
    dialog.question.people.setCurrentRow(0)
    answered = next_preview(qtbot, imports, dialog.question.continue_button)
    assert answered.contracts is not None
    assert all(count == 1 for _, _, count in shown_contracts(answered))
    assert answered.contracts.split_which.isHidden()
    assert answered.contracts.split_on.isHidden()
    assert answered.contracts.split_button.isHidden()
    assert not answered.contracts.merge_button.isHidden()
    answered.reject()
    splittable = previewed(qtbot, imports, DATA / "older-2020.csv")
    assert splittable.contracts is not None
    assert not splittable.contracts.split_on.isHidden()
    splittable.reject()


def test_the_room_left_in_the_preview_goes_to_the_list_of_contracts(
    qtbot: QtBot, imports: ImportActions
) -> None:
    # Seen in a real window: the list cut its rows off while a blank band sat above the buttons.
    dialog = previewed(qtbot, imports, DATA / "recent.csv")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.contracts is not None
    below = dialog.why_hidden if dialog.why_hidden.isVisible() else dialog.estimate
    blank = dialog.buttons.geometry().top() - below.geometry().bottom()
    assert blank < 3 * dialog.fontMetrics().height()
    dialog.reject()


def test_with_one_contract_the_merge_row_is_not_offered(
    qtbot: QtBot, imports: ImportActions
) -> None:
    # Seen in a real window: "Merge <the one contract> into <an empty list>", greyed.
    dialog = previewed(qtbot, imports, DATA / "older-2020-april.csv")
    assert dialog.contracts is not None
    assert len(shown_contracts(dialog)) == 1
    assert dialog.contracts.merge_into.isHidden()
    assert dialog.contracts.merge_button.isHidden()
    assert dialog.contracts.hint.isHidden()  # "merges and splits are kept", of neither
    dialog.reject()
    several = previewed(qtbot, imports, DATA / "older-2020.csv")
    assert several.contracts is not None
    assert not several.contracts.merge_into.isHidden()
    assert not several.contracts.hint.isHidden()
    several.reject()


def test_the_work_history_preview_says_what_it_will_do_in_the_singular_where_one(
    qtbot: QtBot, imports: ImportActions
) -> None:
    # Seen in a real window: "Completed 2 contracts" before Import, and "1 new contract is open
    # (Ongoing research); when each ends".
    imported(qtbot, imports, previewed(qtbot, imports, DATA / "recent.csv"))
    dialog = previewed(qtbot, imports, DATA / "work-history.json")
    assert "Complete 2 contracts already in your log" in dialog.summary.text()
    assert "Completed" not in dialog.summary.text()
    assert "1 new contract is open (Ongoing research); when it ends," in dialog.needs_you.text()
    dialog.reject()


def test_what_a_narrow_column_cuts_is_whole_in_its_tooltip(
    qtbot: QtBot, imports: ImportActions
) -> None:
    # Seen in a real window: "... 2020-02-03 to 2020-0…" and a rule cut at "a bonus from Cl…".
    dialog = previewed(qtbot, imports, DATA / "older-2020.csv")
    assert dialog.contracts is not None
    tree = dialog.contracts.tree
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        assert item.toolTip(1) == item.text(1)
        assert item.child(0).toolTip(0) == item.child(0).text(0)
    dialog.reject()


def test_a_weekly_summary_is_called_what_it_is_and_lists_its_contracts(
    qtbot: QtBot, imports: ImportActions
) -> None:
    dialog = previewed(qtbot, imports, DATA / "weekly-summary.csv")
    assert dialog.title.text() == "weekly-summary.csv is a weekly summary report"
    assert dialog.contracts is not None and dialog.contracts.tree.topLevelItemCount() == 2
    dialog.reject()
