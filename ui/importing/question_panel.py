"""What the preview asks when a file cannot say by itself: the order of its numeric dates, whose
work an agency's statement is, or whether to import another person's log. The answer plans the
file again; nothing is guessed."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.importing.planning import DATE_ORDER, OTHER_PROFILE, WHOSE_WORK, Answers, Question

DAY_FIRST_WORDS = "Day first (18/03/2020 is 18 March)"
MONTH_FIRST_WORDS = "Month first (03/18/2020 is 18 March)"
EVERYONE = "Everyone's: this is my agency's log"


class QuestionPanel(QWidget):
    """One question and its answer; `answered(Answers)` when the user continues."""

    answered = Signal(object)

    def __init__(self, question: Question, answers: Answers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.answers = answers
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel(question.text)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.order = QComboBox()
        self.people = QListWidget()
        if question.kind == DATE_ORDER:
            self.order.addItem(DAY_FIRST_WORDS, "dmy")
            self.order.addItem(MONTH_FIRST_WORDS, "mdy")
            layout.addWidget(QLabel("How are the numeric dates in this file written?"))
            layout.addWidget(self.order)
        elif question.kind == WHOSE_WORK:
            self.people.addItems([*question.choices, EVERYONE])
            self.people.setCurrentRow(0)
            self.people.setMaximumHeight(24 * (len(question.choices) + 2))
            layout.addWidget(self.people)
        words = {
            DATE_ORDER: "Read the dates this way",
            WHOSE_WORK: "Import this work",
            OTHER_PROFILE: "Import their records into my log",
        }
        self.continue_button = QPushButton(words[question.kind])
        self.continue_button.setAutoDefault(False)
        self.continue_button.clicked.connect(self._continue)
        layout.addWidget(self.continue_button)

    def _continue(self) -> None:
        if self.question.kind == DATE_ORDER:
            answers = replace(self.answers, date_order=self.order.currentData())
        elif self.question.kind == WHOSE_WORK:
            item = self.people.currentItem()
            chosen = item.text() if item is not None else EVERYONE
            if chosen == EVERYONE:
                answers = replace(self.answers, agency=True, freelancer=None)
            else:
                answers = replace(self.answers, freelancer=chosen, agency=False)
        else:
            answers = replace(self.answers, other_profile=True)
        self.answered.emit(answers)
