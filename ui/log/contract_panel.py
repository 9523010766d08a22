"""The side panel of the Contracts page: what the selected contract does to the estimate now.

Its numbers are the engine's (`operations.contract_lines()`): outcome and reason, the weight
split into tier and duration, the windows it counts in, and its effect; below them the contract's
own feedback and payments from the log. The lines are read once per change, not per click.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from html import escape
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tracker.engine.calendar import MONTHS_OF_WINDOW, add_months
from tracker.engine.numbers import out4
from tracker.engine.results import ContractLine, ScoreReport
from tracker.records.model import Contract, Log
from ui.log.formatting import day, money, rating
from ui.log.tones import set_tone
from ui.theme import set_role

SHOWN_PAYMENTS = 12
OUTCOMES = {
    "positive": ("▲ Positive", "good"),
    "neutral": ("● Neutral", ""),
    "negative": ("▼ Negative", "attention"),
    "excluded": ("○ Not counted", "muted"),
}


class OperationsLike(Protocol):
    as_of: date

    def log(self) -> Log: ...
    def score(self) -> ScoreReport: ...
    def contract_lines(self) -> tuple[ContractLine, ...]: ...


def weight_text(entry: ContractLine, currency: str) -> str:
    """ "Weight 2.5 = 1.5 for earning $1,250.00 + 1 for time"; the cap is named when it bites."""
    weight, tier, duration = float(entry.weight), float(entry.tier), entry.duration
    earned = Decimal(entry.earned_cents).scaleb(-2)
    text = (
        f"Weight {weight:g} = {tier:g} for earning {money(earned, currency)}"
        f" + {duration:g} for time"
    )
    if tier + duration > weight:
        text += f" (capped at {weight:g})"
    return text


def windows_text(entry: ContractLine) -> tuple[str, str]:
    """Which windows it counts in, and from when its clock runs and until when it stays."""
    windows = [w for w in entry.windows if w in MONTHS_OF_WINDOW]
    if not windows:
        return "In no window: it does not count now.", ""
    months = [str(MONTHS_OF_WINDOW[w]) for w in windows]
    listed = (
        months[0]
        if len(months) == 1
        else ", ".join(f"{m}-" for m in months[:-1]) + f" and {months[-1]}"
    )
    anchor = entry.anchor
    longest = max(MONTHS_OF_WINDOW[w] for w in windows)
    detail = (
        f"Its clock runs from {day(anchor)}, its last activity; it stays in the "
        f"{longest}-month window until {day(add_months(anchor, longest))}."
    )
    return f"Counts in the {listed}-month window{'s' if len(months) > 1 else ''}.", detail


def effect_text(entry: ContractLine, exact_value: Fraction | None) -> str:
    # Both at 4 places, as `explain --json` writes them, so the sentence says what it shows.
    effect, exact = out4(entry.effect), out4(exact_value)
    if entry.outcome == "excluded":
        return "Effect on the estimate: none, it is not counted."
    if effect is None and exact is not None:
        return "Effect on the estimate: without it there would be no estimate at all."
    if effect is None:
        return "Effect on the estimate: none to show while the estimate is hidden."
    if effect == 0:
        if exact is None:
            return "Effect on the estimate: none now."
        return f"Effect on the estimate: none now; it is {exact:.1f} with or without it."
    points = f"{effect:+.2f}".replace("-", "\N{MINUS SIGN}")
    text = f"Effect on the estimate: {points} point{'s' if abs(effect) != 1 else ''}"
    if exact is not None:
        text += f" (it would be {exact - effect:.1f} without it)"
    return text + "."


class ContractPanel(QScrollArea):
    """Shows one contract's place in the estimate; empty until a contract is selected."""

    def __init__(
        self,
        operations: OperationsLike,
        add_payment: Callable[[str], None],
        add_feedback: Callable[[str], None],
        add_mark: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.operations = operations
        self.contract_id: str | None = None
        self._entries: dict[str, ContractLine] | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(300)
        self.body = QWidget()
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(16, 4, 8, 8)
        layout.setSpacing(6)
        self.title = self._label(layout, "title")
        self.facts = self._label(layout, "muted")
        layout.addSpacing(8)
        self.when = self._label(layout, "heading")
        self.outcome = self._label(layout, "")
        self.reason = self._label(layout, "")
        self.weight = self._label(layout, "")
        self.windows = self._label(layout, "")
        self.windows_detail = self._label(layout, "muted")
        self.effect = self._label(layout, "")
        layout.addSpacing(8)
        self.feedback_heading = self._label(layout, "heading")
        self.feedback = self._label(layout, "")
        layout.addSpacing(8)
        self.payments_heading = self._label(layout, "heading")
        self.payments = self._label(layout, "")
        layout.addSpacing(8)
        self.marks_heading = self._label(layout, "heading")
        self.marks = self._label(layout, "")
        self.add_mark_button = QPushButton("The marketplace lists it as…")
        self.add_mark_button.setToolTip(
            "Counting or not counting, as the Job Success insights page lists it on a day"
        )
        self.add_mark_button.clicked.connect(
            lambda: self.contract_id and add_mark and add_mark(self.contract_id)
        )
        self.add_mark_button.setVisible(add_mark is not None)
        mark_row = QHBoxLayout()
        mark_row.addWidget(self.add_mark_button)
        mark_row.addStretch(1)
        layout.addLayout(mark_row)
        buttons = QHBoxLayout()
        self.add_payment_button = QPushButton("Add payment…")
        self.add_feedback_button = QPushButton("Add feedback…")
        self.add_payment_button.clicked.connect(
            lambda: self.contract_id and add_payment(self.contract_id)
        )
        self.add_feedback_button.clicked.connect(
            lambda: self.contract_id and add_feedback(self.contract_id)
        )
        buttons.addWidget(self.add_payment_button)
        buttons.addWidget(self.add_feedback_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setWidget(self.body)
        self.show_contract(None)

    @staticmethod
    def _label(layout: QVBoxLayout, role: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if role:
            set_role(label, role)
        layout.addWidget(label)
        return label

    def invalidate(self) -> None:
        """Forget the estimate read so far (the log or the day changed) and show it anew."""
        self._entries = None
        self.show_contract(self.contract_id)

    def entry(self, contract_id: str) -> ContractLine | None:
        """The engine's row for this contract on the evaluation day, if it has one."""
        if self._entries is None:
            self._entries = {row.id: row for row in self.operations.contract_lines()}
        return self._entries.get(contract_id)

    def show_contract(self, contract_id: str | None) -> None:
        self.contract_id = contract_id
        log = self.operations.log()
        contract = log.contract_by_id().get(contract_id) if contract_id else None
        # With no contract the panel takes no room: the table gets the page's whole width.
        self.setVisible(contract is not None)
        if contract is None:
            return
        currency = log.profile.currency
        self.title.setText(contract.title or contract.id)
        self.facts.setText(self._facts(contract, log))
        self._show_estimate(contract)
        self._show_feedback(contract, log)
        self._show_payments(contract, log, currency)
        self._show_marks(contract, log)

    def _facts(self, contract: Contract, log: Log) -> str:
        client = log.client_by_id().get(contract.client)
        kind = "fixed price" if contract.kind == "fixed" else "hourly"
        span = (
            f"{day(contract.started)} \N{EN DASH} {day(contract.ended)}"
            if contract.ended
            else f"since {day(contract.started)}, open"
        )
        parts = [client.name if client and client.name else contract.client, kind, span]
        if contract.disputed:
            parts.append("disputed")
        return " · ".join(parts)

    def _show_estimate(self, contract: Contract) -> None:
        as_of = self.operations.as_of
        self.when.setText(f"In the estimate on {day(as_of)}")
        entry = self.entry(contract.id)
        detail_labels = (self.reason, self.weight, self.windows, self.windows_detail, self.effect)
        if entry is None:
            later = contract.started > as_of
            self.outcome.setText("○ Not counted")
            set_tone(self.outcome, "muted", role="title")
            self.reason.setText(
                "It starts after this day." if later else "The estimate has no entry for it."
            )
            for label in detail_labels[1:]:
                label.setVisible(False)
            return
        for label in detail_labels:
            label.setVisible(True)
        words, role = OUTCOMES.get(entry.outcome, (entry.outcome, ""))
        self.outcome.setText(words)
        set_tone(self.outcome, role, role="title")
        self.reason.setText(entry.reason[:1].upper() + entry.reason[1:] + ".")
        self.weight.setText(weight_text(entry, self.operations.log().profile.currency))
        self.weight.setVisible(entry.outcome != "excluded")
        self.weight.setToolTip(
            "The tier comes from its earnings; time adds one for every 90 days "
            "between its first and last payment; a contract weighs at most 8."
        )
        counted, detail = windows_text(entry)
        self.windows.setText(counted)
        self.windows_detail.setText(detail)
        self.windows_detail.setVisible(bool(detail))
        score = self.operations.score()
        self.effect.setText(effect_text(entry, score.exact))
        if contract.ended is not None and contract.ended > as_of:
            self.when.setText(f"In the estimate on {day(as_of)}, while still open")

    def _show_feedback(self, contract: Contract, log: Log) -> None:
        items = sorted(
            (f for f in log.feedback if f.contract == contract.id),
            key=lambda f: f.date,
            reverse=True,
        )
        self.feedback_heading.setText("Feedback")
        if not items:
            self.feedback.setText("None yet.")
            set_role(self.feedback, "muted")
            return
        set_role(self.feedback, "")
        lines = []
        for item in items:
            parts = [day(item.date), item.kind]
            if item.stars is not None:
                parts.append(f"{rating(item.stars)} ★")
            if item.private is not None:
                parts.append(f"private {item.private}{' (guess)' if item.private_is_guess else ''}")
            line = escape(" · ".join(parts))
            if item.comment:
                line += f"<br><i>“{escape(item.comment)}”</i>"
            lines.append(line)
        self.feedback.setText("<br><br>".join(lines))

    def _show_marks(self, contract: Contract, log: Log) -> None:
        """What the marketplace's insights page listed for it, newest first."""
        items = sorted(
            (m for m in log.counted_marks if m.contract == contract.id),
            key=lambda m: m.date,
            reverse=True,
        )
        self.marks_heading.setText("On the marketplace's list")
        if not items:
            self.marks.setText("Not marked yet.")
            set_role(self.marks, "muted")
            return
        set_role(self.marks, "")
        self.marks.setText(
            "<br>".join(
                escape(f"{'Counting' if m.counted else 'Not counting'} on {day(m.date)}")
                for m in items
            )
        )

    def _show_payments(self, contract: Contract, log: Log, currency: str) -> None:
        items = sorted(
            (p for p in log.payments if p.contract == contract.id),
            key=lambda p: p.date,
            reverse=True,
        )
        if not items:
            self.payments_heading.setText("Payments")
            if contract.earned is not None:
                typed = f"{money(contract.earned, currency)} typed in"
                if contract.last_paid:
                    typed += f", last paid {day(contract.last_paid)}"
                self.payments.setText(typed + ".")
            else:
                self.payments.setText("None yet.")
            set_role(self.payments, "muted")
            return
        set_role(self.payments, "")
        total = sum((p.amount for p in items), Decimal(0))
        self.payments_heading.setText(f"Payments · {len(items)}, {money(total, currency)} in all")
        rows = "".join(
            f"<tr><td>{escape(day(p.date))}</td>"
            f"<td align='right'>&nbsp;&nbsp;{escape(money(p.amount, currency))}</td>"
            f"<td>&nbsp;&nbsp;{escape(p.ref or '')}</td></tr>"
            for p in items[:SHOWN_PAYMENTS]
        )
        more = len(items) - SHOWN_PAYMENTS
        tail = (
            f"<p>and {more} earlier payment{'s' if more != 1 else ''} on the Payments page</p>"
            if more > 0
            else ""
        )
        self.payments.setText(f"<table cellspacing='2'>{rows}</table>{tail}")
