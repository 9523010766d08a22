"""Text in the two meaning colours of ui.theme (blue for good, orange for needs attention).

The shared style sheet colours labels by role; these two tones are set here from the theme as
well, so a label is coloured even where the style sheet has no rule for its role. A tone never
carries meaning alone: the text beside it says it in words.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ui.theme import current_theme, set_role


def set_tone(label: QLabel, tone: str, role: str | None = None) -> None:
    """Colour `label` by tone ("good", "attention", "muted" or "") and give it a role of repute.qss.

    The role (its size and weight) is the tone's own unless given.
    """
    set_role(label, tone if role is None else role)
    theme = current_theme()
    colour = {"good": theme.good, "attention": theme.attention, "muted": theme.muted}.get(tone)
    label.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")
