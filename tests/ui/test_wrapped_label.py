"""A WrappedLabel's kept heights are always the heights a plain wrapped QLabel gives.

It keeps a height per width for its current text; a new text, a new font or a new role must
never leave an old height behind, or a line would be cut or leave a gap on the Overview.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from ui.theme import set_role
from ui.wrapped_label import WrappedLabel

SHORT = "Five stars on the last job."
LONG = (
    "<b>Fri 27 Nov</b>&nbsp;&nbsp;the contract <i>Shop redesign</i> leaves the 3-month window, "
    "and its client's other jobs count alone<br>→ estimate <b>+1.2</b>"
)


def plain_twin(label: WrappedLabel) -> QLabel:
    """A plain QLabel set up as `label` is: the reference its heights must match."""
    twin = QLabel()
    twin.setTextFormat(label.textFormat())
    twin.setWordWrap(True)
    twin.setFont(label.font())
    twin.setText(label.text())
    return twin


def rich(text: str) -> WrappedLabel:
    label = WrappedLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(text)
    return label


def test_heights_match_a_plain_label_asked_again_and_in_any_order(qapp: QApplication) -> None:
    label = rich(LONG)
    twin = plain_twin(label)
    widths = [480, 120, 480, 300, 120, 90, 300, 480]
    assert [label.heightForWidth(w) for w in widths] == [twin.heightForWidth(w) for w in widths]
    # The long line wraps more at a narrow width: the heights are not one kept number.
    assert label.heightForWidth(90) > label.heightForWidth(480)


def test_a_new_text_is_measured_anew(qapp: QApplication) -> None:
    label = rich(LONG)
    long_height = label.heightForWidth(150)
    label.setText(SHORT)
    assert label.heightForWidth(150) == plain_twin(label).heightForWidth(150)
    assert label.heightForWidth(150) < long_height
    label.setText(LONG)
    assert label.heightForWidth(150) == long_height


def test_a_new_font_or_role_is_measured_anew(qapp: QApplication) -> None:
    label = rich(LONG)
    before = label.heightForWidth(200)
    bigger = QFont(label.font())
    bigger.setPointSizeF(label.font().pointSizeF() * 2)
    label.setFont(bigger)
    assert label.heightForWidth(200) == plain_twin(label).heightForWidth(200)
    assert label.heightForWidth(200) > before
    set_role(label, "big")  # the Overview changes a label's role, and so its font, in place
    assert label.heightForWidth(200) == plain_twin(label).heightForWidth(200)


def test_a_page_of_them_is_as_tall_as_a_page_of_plain_labels(qapp: QApplication) -> None:
    def page(make: type[QLabel]) -> QWidget:
        widget = QWidget()
        column = QVBoxLayout(widget)
        for text in (LONG, SHORT, LONG):
            label = make()
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setText(text)
            column.addWidget(label)
        return widget

    kept, plain = page(WrappedLabel), page(QLabel)
    for width in (600, 180, 600, 320):
        assert kept.heightForWidth(width) == plain.heightForWidth(width)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("width"), st.integers(min_value=20, max_value=700)),
            st.tuples(st.just("text"), st.sampled_from([SHORT, LONG, "", "a " * 60])),
            st.tuples(st.just("size"), st.sampled_from([7.0, 9.0, 12.0, 18.0])),
        ),
        max_size=25,
    )
)
def test_any_run_of_questions_and_changes_gets_a_plain_labels_answers(
    qapp: QApplication, steps: list[tuple[str, object]]
) -> None:
    """Against a plain label given the same changes (a QLabel's own answer for an empty text
    depends on what it showed before)."""
    label = rich(LONG)
    twin = plain_twin(label)
    for step, value in steps:
        if step == "text":
            label.setText(str(value))
            twin.setText(str(value))
        elif step == "size":
            font = QFont(label.font())
            font.setPointSizeF(float(value))  # type: ignore[arg-type]
            label.setFont(font)
            twin.setFont(font)
        else:
            width = int(value)  # type: ignore[call-overload]
            assert label.heightForWidth(width) == twin.heightForWidth(width)
