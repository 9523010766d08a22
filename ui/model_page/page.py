"""The model made visible: every assumption with its source and confidence, and the settings.

The rule set (by date, or one forced) and the user's own thresholds (with where the minimum's
different clients are counted: in 24 months, or ever) are stored in the database's
settings through one Change, like any edit: the estimate follows at once, and undo restores it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tracker.records.changes import Change
from ui.dashboard.blocks import heading
from ui.operations import Changes, Operations
from ui.pyside_defects import shielded
from ui.theme import Theme, set_role
from ui.wording import long_date

AUTO = "auto"
OWN_RULES = "my-thresholds"
CONFIDENCE_WORDS = {
    "OFF": "official marketplace text",
    "STAFF": "a marketplace moderator's answer",
    "2ND": "official text seen only quoted elsewhere",
    "COMM": "community reverse engineering",
    "OURS": "Repute's own hypothesis, fitted to reported numbers",
}
THRESHOLDS: tuple[tuple[str, str, float, float, float, float], ...] = (
    ("public_positive", "Public rating counted positive from", 4.5, 1.0, 5.0, 0.05),
    ("public_neutral", "Public rating counted neutral from", 3.5, 1.0, 5.0, 0.05),
    ("private_positive", "Private score counted positive from", 9, 0, 10, 1),
    ("private_neutral", "Private score counted neutral from", 7, 0, 10, 1),
    ("feedback_wait_days", "Days the score waits for feedback", 14, 0, 60, 1),
)
# Where the minimum's different clients are counted (the rule option `clients_over`).
CLIENTS_OVER = "clients_over"
CLIENTS_CHOICES = (
    ("24 months", "In the last 24 months"),
    ("lifetime", "Ever (lifetime, from 2024-09-01)"),
)
COLUMNS = ("Rule", "Value", "Source", "Confidence", "What it means")


def rule_choice_label(name: str) -> str:
    if name == AUTO:
        return "By date: the rules in force on each day (recommended)"
    if name == OWN_RULES:
        return "My thresholds (the rules by date, with the thresholds below)"
    if name.startswith("upwork-"):
        return f"Always {name}"
    return f"{name}: the rules by date, adjusted (your own rule set)"


class ModelPage(QWidget):
    """Assumptions, the rule set in use, and thresholds the user may set."""

    def __init__(self, operations: Operations, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.theme = theme
        self._dirty = True

        title = set_role(QLabel("The model behind the estimate"), "title")
        lead = QLabel(
            "The marketplace never published its formula. Repute's estimate rests on the "
            "assumptions below, each with where it comes from and how sure it is. Change them "
            "here; the estimate follows at once, and Edit \u203a Undo takes a change back."
        )
        lead.setWordWrap(True)

        self.rules = QComboBox()
        self.rules.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.rules.activated.connect(self._rules_chosen)
        self.in_use = set_role(QLabel(), "muted")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(8)
        self.threshold_fields: dict[str, QDoubleSpinBox | QSpinBox] = {}
        for key, label, default, low, high, step in THRESHOLDS:
            field: QDoubleSpinBox | QSpinBox
            if isinstance(step, float) and step < 1:
                field = QDoubleSpinBox()
                field.setDecimals(2)
                field.setSingleStep(step)
            else:
                field = QSpinBox()
            field.setRange(low, high)  # type: ignore[arg-type]
            field.setValue(default)  # type: ignore[arg-type]
            form.addRow(label, field)
            self.threshold_fields[key] = field
        self.clients_over = QComboBox()
        for value, words in CLIENTS_CHOICES:
            self.clients_over.addItem(words, value)
        form.addRow("Different clients needed, counted", self.clients_over)
        use = QPushButton("Use these thresholds")
        use.clicked.connect(self.use_thresholds)
        reset = QPushButton("Back to the defaults")
        reset.clicked.connect(lambda: self.choose_rules(AUTO))
        buttons = QHBoxLayout()
        buttons.addWidget(use)
        buttons.addWidget(reset)
        buttons.addStretch(1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        # Rows follow their wrapped text whenever the columns change width (a height measured
        # before the first layout would leave one giant row).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # Long values and sources wrap in fixed columns, so every column stays on screen.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for index, width in ((1, 230), (2, 210)):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(index, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        legend = set_role(
            QLabel(" · ".join(f"{tag}: {words}" for tag, words in CONFIDENCE_WORDS.items())),
            "small",
        )
        legend.setWordWrap(True)
        self.empty = set_role(
            QLabel("The engine of this build does not list its assumptions yet."), "muted"
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        settings = QHBoxLayout()
        settings.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(heading("Rule set"))
        left.addWidget(self.rules)
        left.addWidget(self.in_use)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(heading("Thresholds"))
        right.addLayout(form)
        right.addLayout(buttons)
        right.addStretch(1)
        settings.addLayout(left, 1)
        settings.addLayout(right, 1)

        column = QVBoxLayout(self)
        column.setContentsMargins(32, 24, 32, 20)
        column.setSpacing(12)
        column.addWidget(title)
        column.addWidget(lead)
        column.addSpacing(6)
        column.addLayout(settings)
        column.addSpacing(6)
        column.addWidget(heading("Assumptions"))
        column.addWidget(legend)
        column.addWidget(self.empty)
        column.addWidget(self.table, 1)
        operations.changed.connect(self.on_changed)

    def on_changed(self, changes: Changes) -> None:
        if changes.touches("settings"):
            self._dirty = True
            if self.isVisible():
                self.refresh()

    @shielded
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def current_rules(self) -> str:
        value = self.operations.log().setting("rules", AUTO)
        return value if isinstance(value, str) else AUTO

    def refresh(self) -> None:
        log = self.operations.log()
        names = [AUTO] + [n for n in self.operations.reports.rule_set_names(log) if n != AUTO]
        current = self.current_rules()
        if current not in names:
            names.append(current)
        self.rules.clear()
        for name in names:
            self.rules.addItem(rule_choice_label(name), name)
        self.rules.setCurrentIndex(names.index(current))
        score = self.operations.score()
        self.in_use.setText(
            f"On {long_date(self.operations.as_of)} the estimate uses the rules {score.rules}."
        )
        self._show_thresholds(log.setting("custom_rules", {}))
        self._show_assumptions(self.operations.reports.assumptions(log))
        self._dirty = False

    def _show_thresholds(self, custom: object) -> None:
        saved = custom.get(OWN_RULES, {}) if isinstance(custom, dict) else {}
        parameters = saved.get("parameters", {}) if isinstance(saved, dict) else {}
        for key, _label, default, *_ in THRESHOLDS:
            self.threshold_fields[key].setValue(float(parameters.get(key, default)))  # type: ignore[arg-type]
        found = self.clients_over.findData(parameters.get(CLIENTS_OVER))
        self.clients_over.setCurrentIndex(max(found, 0))

    def _show_assumptions(self, rows: list[dict[str, Any]]) -> None:
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.table.setRowCount(len(rows))
        for row, item in enumerate(rows):
            confidence = str(item.get("confidence", ""))
            values = (
                str(item.get("rule", "")),
                str(item.get("value", "")),
                str(item.get("source", "")),
                confidence,
                str(item.get("text", "")),
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                if column == 3:
                    cell.setToolTip(CONFIDENCE_WORDS.get(confidence, confidence))
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()

    def _rules_chosen(self, index: int) -> None:
        self.choose_rules(str(self.rules.itemData(index)))

    def choose_rules(self, name: str) -> None:
        """Store the rule set in the database's settings; the estimate follows."""
        if name == self.current_rules():
            return
        label = (
            "score by the rules in force on each date"
            if name == AUTO
            else f"score with the rules {name}"
        )
        self.operations.apply(Change(label=label, settings={"rules": name}))

    def use_thresholds(self) -> None:
        """Save the thresholds as the user's own rule set (the rules by date, adjusted); use it."""
        thresholds: dict[str, float | int] = {}
        for key, _label, default, *_ in THRESHOLDS:
            value = self.threshold_fields[key].value()
            thresholds[key] = int(value) if isinstance(default, int) else round(float(value), 2)
        if thresholds["public_neutral"] >= thresholds["public_positive"]:
            self.operations.failed.emit(
                "The public neutral threshold must be below the positive one; nothing was changed."
            )
            return
        if thresholds["private_neutral"] >= thresholds["private_positive"]:
            self.operations.failed.emit(
                "The private neutral threshold must be below the positive one; nothing was changed."
            )
            return
        parameters: dict[str, float | int | str] = dict(thresholds)
        clients_over = str(self.clients_over.currentData())
        if clients_over != CLIENTS_CHOICES[0][0]:  # the default stays unwritten, as before
            parameters[CLIENTS_OVER] = clients_over
        custom = self.operations.log().setting("custom_rules", {})
        saved = dict(custom) if isinstance(custom, dict) else {}
        saved[OWN_RULES] = {"base": AUTO, "parameters": parameters}
        self.operations.apply(
            Change(label="use my thresholds", settings={"custom_rules": saved, "rules": OWN_RULES})
        )
