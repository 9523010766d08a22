"""The preview of an import: what it adds, skips and ignores, what it leaves to the user, and the
estimate before and after. Nothing is written until the user presses Import."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tracker.io.import_file import planned_line
from ui.importing.contracts_panel import ContractsPanel
from ui.importing.planning import REPUTE_JSON, Answers, Estimate, ImportPreview
from ui.importing.question_panel import QuestionPanel
from ui.theme import set_role
from ui.wording import one_decimal, signed

REPLACE_RESULT = 2
ANSWERED_RESULT = 3


def estimate_words(estimate: Estimate) -> str:
    return "hidden" if estimate.exact is None else one_decimal(estimate.exact)


def hidden_words(before: Estimate, after: Estimate) -> str:
    """Why an estimate is hidden, before or after (the marketplace's own rule)."""
    if after.exact is None and after.hidden_reason:
        return f"Still hidden after the import: {after.hidden_reason}."
    if before.exact is None and before.hidden_reason:
        return f"Hidden now: {before.hidden_reason}."
    return ""


def before_after_words(before: Estimate, after: Estimate) -> str:
    """'92.1 \u2192 93.3 (+1.2)', 'stays at 92.1' or 'stays hidden'."""
    if before == after:
        return "stays hidden" if before.exact is None else f"stays at {estimate_words(before)}"
    text = f"{estimate_words(before)} \u2192 {estimate_words(after)}"
    if before.exact is not None and after.exact is not None:
        text += f"  ({signed(after.exact - before.exact)})"
    return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(f"\u2022  {line}" for line in lines)


class ImportPreviewDialog(QDialog):
    """Import / Cancel over one ImportPreview; `replace_chosen` when the user replaces conflicts,
    `answered(Answers)` when the user answers the file's question or merges or splits contracts
    (the flow plans it again)."""

    import_chosen = Signal()
    replace_chosen = Signal()
    answered = Signal(object)

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Import {preview.name}")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(20, 18, 20, 16)
        kind = "a Repute file" if preview.kind == REPUTE_JSON else f"a {preview.kind}"
        self.title = set_role(QLabel(f"{preview.name} is {kind}"), "title")
        layout.addWidget(self.title)
        layout.addWidget(
            set_role(
                QLabel("Nothing is written until you press Import; Undo takes it back."), "small"
            )
        )
        self.summary = self._section(layout, "What the import will do", _bullets(self._lines()))
        self.needs_you = self._section(
            layout,
            "What will need you",
            _bullets(tuple(_capital(line) for line in preview.needs_you)),
        )
        self.needs_you.parentWidget().setVisible(bool(preview.needs_you))  # type: ignore[union-attr]
        self.question: QuestionPanel | None = None
        if preview.question is not None:
            layout.addWidget(set_role(QLabel("THE FILE NEEDS AN ANSWER"), "heading"))
            self.question = QuestionPanel(preview.question, preview.answers)
            self.question.answered.connect(self._answer)
            layout.addWidget(self.question)
        self.contracts: ContractsPanel | None = None
        if preview.contracts:
            layout.addWidget(set_role(QLabel("CONTRACTS"), "heading"))
            self.contracts = ContractsPanel(preview.contracts)
            self.contracts.regrouped.connect(self._regroup)
            layout.addWidget(self.contracts, 3)  # the list takes the room there is
        self.regroup_error = set_role(QLabel(preview.regroup_error or ""), "")
        self.regroup_error.setWordWrap(True)
        self.regroup_error.setVisible(preview.regroup_error is not None)
        layout.addWidget(self.regroup_error)
        self.estimate = self._section(
            layout, "Your estimate", before_after_words(preview.before, preview.after)
        )
        set_role(self.estimate, "medium")
        why_hidden = hidden_words(preview.before, preview.after)
        self.why_hidden = set_role(QLabel(why_hidden), "small")
        self.why_hidden.setWordWrap(True)
        self.why_hidden.setVisible(bool(why_hidden))
        layout.addWidget(self.why_hidden)
        self.conflict = set_role(QLabel(preview.conflict or ""), "")
        self.conflict.setWordWrap(True)
        self.conflict.setVisible(preview.conflict is not None)
        layout.addWidget(self.conflict)
        if self.contracts is None:  # else the list takes all the room left, not a blank below
            layout.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton("Import")
        self.replace_button = QPushButton("Replace the differing records")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.replace_button.setVisible(preview.conflict is not None)
        self.import_button.setEnabled(not preview.is_empty)
        self.import_button.setDefault(not preview.is_empty)
        self.import_button.clicked.connect(self._import)
        self.replace_button.clicked.connect(self._replace)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        if self.contracts is not None:
            self._room_for_the_contracts()

    def _room_for_the_contracts(self) -> None:
        """Open tall enough for the list of contracts (word-wrapped labels above it make the
        first layout pass too short), within the screen."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        height = 760 if screen is None else min(760, screen.height() - 60)
        self.resize(max(self.sizeHint().width(), 780), max(self.sizeHint().height(), height))

    def _lines(self) -> tuple[str, ...]:
        if self.preview.question is not None:
            return ("Nothing can be planned until the question below is answered.",)
        if self.preview.is_empty and self.preview.conflict is None and not self.preview.lines:
            return ("Nothing new: everything in the file is already in your log.",)
        if self.preview.conflict is not None and self.preview.is_empty:
            return ("Nothing can be imported as it is: some records differ from your log.",)
        return tuple(map(planned_line, self.preview.lines))

    def _section(self, layout: QVBoxLayout, heading: str, text: str) -> QLabel:
        box = QFrame()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 4, 0, 0)
        inner.setSpacing(4)
        inner.addWidget(set_role(QLabel(heading.upper()), "heading"))
        body = QLabel(text)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner.addWidget(body)
        layout.addWidget(box)
        return body

    def _import(self) -> None:
        self.accept()
        self.import_chosen.emit()

    def _answer(self, answers: Answers) -> None:
        self.done(ANSWERED_RESULT)  # not `rejected`: the flow plans again with the answer
        self.answered.emit(answers)

    def _regroup(self, edit: object) -> None:
        answers = self.preview.answers
        self._answer(Answers(**{**answers.__dict__, "regroupings": (*answers.regroupings, edit)}))

    def _replace(self) -> None:
        self.done(REPLACE_RESULT)  # not `rejected`: the flow plans again instead of stopping
        self.replace_chosen.emit()
