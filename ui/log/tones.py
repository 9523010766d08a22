"""Text in the two meaning colours of ui.theme (blue for good, orange for needs attention).

The shared style sheet colours labels by role; these two tones are set here from the theme as
well, so a label is coloured even where the style sheet has no rule for its role. A tone never
carries meaning alone: the text beside it says it in words.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from ui.theme import current_theme, set_role


def set_tone(label: QLabel, role: str) -> None:
    """Give `label` a role of repute.qss; "good" and "attention" also get the theme's colour."""
    set_role(label, role)
    theme = current_theme()
    colour = {"good": theme.good, "attention": theme.attention}.get(role)
    label.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")
