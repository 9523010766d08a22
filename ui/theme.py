"""The window's look: two meaning colours, one font family, three sizes, light or dark.

Colours follow the system palette so the window looks native in either scheme; the two accents
(blue = good, orange = needs attention) come from the Okabe-Ito set, which colour-blind users tell
apart, and are always shown beside a word or an icon, never alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TypeVar

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# Through importlib.resources, so an installed wheel or a PyInstaller bundle finds its own copy.
RESOURCES = Path(str(files("resources")))
Styled = TypeVar("Styled", bound=QWidget)
ICONS = RESOURCES / "icons"


@dataclass(frozen=True)
class Theme:
    """The colours and font sizes every page draws with."""

    dark: bool
    text: QColor
    muted: QColor
    background: QColor
    panel: QColor
    line: QColor
    good: QColor
    attention: QColor
    neutral_series: QColor
    bars: QColor
    base_point_size: float

    @property
    def big_point_size(self) -> float:
        return self.base_point_size * 3.2

    @property
    def medium_point_size(self) -> float:
        return self.base_point_size * 1.45

    @property
    def small_point_size(self) -> float:
        return self.base_point_size * 0.88


def _is_dark(palette: QPalette) -> bool:
    """Dark when the window background is: the palette is what is painted, whatever the hint."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    keep = 1.0 - share_of_b
    return QColor(
        round(a.red() * keep + b.red() * share_of_b),
        round(a.green() * keep + b.green() * share_of_b),
        round(a.blue() * keep + b.blue() * share_of_b),
    )


def current_theme() -> Theme:
    """The theme for the application's palette as it is now (it changes with the system)."""
    palette = QApplication.palette()
    dark = _is_dark(palette)
    text = palette.color(QPalette.ColorRole.WindowText)
    background = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    point_size = QApplication.font().pointSizeF()
    return Theme(
        dark=dark,
        text=text,
        muted=_mix(text, background, 0.45),
        background=background,
        panel=_mix(base, background, 0.35),
        line=_mix(text, background, 0.82),
        good=QColor("#56B4E9") if dark else QColor("#0063A6"),
        attention=QColor("#F0A04B") if dark else QColor("#C25400"),
        neutral_series=_mix(text, background, 0.3),
        bars=QColor("#3A6F95") if dark else QColor("#9CC3E0"),
        base_point_size=point_size if point_size > 0 else 10.0,
    )


def sidebar_style(theme: Theme) -> str:
    """The sidebar's own style sheet (resources/sidebar.qss with the theme's colours filled in).

    Only the sidebar has one: an application-wide style sheet slows every widget's creation.
    """
    template = (RESOURCES / "sidebar.qss").read_text(encoding="utf-8")
    values = {
        "@text": theme.text.name(),
        "@panel": theme.panel.name(),
        "@line": theme.line.name(),
        "@good": theme.good.name(),
        "@selection": selection_colour(theme).name(),
    }
    for key, value in values.items():
        template = template.replace(key, value)
    return template


def selection_colour(theme: Theme) -> QColor:
    return _mix(theme.good, theme.background, 0.8)


def apply_theme(app: QApplication) -> Theme:
    """The theme for the application's palette now (roles are drawn with it)."""
    app.setStyleSheet("")
    return current_theme()


# Role: (size: big, medium, small or base; bold; colour: good, attention, muted or "").
ROLES: dict[str, tuple[str, bool, str]] = {
    "heading": ("small", True, "muted"),
    "big": ("big", True, "good"),
    "big-attention": ("big", True, "attention"),
    "big-muted": ("big", True, "muted"),
    "medium": ("medium", False, ""),
    "title": ("medium", True, ""),
    "muted": ("base", False, "muted"),
    "small": ("small", False, "muted"),
    "segment": ("base", False, ""),
}


def set_role(widget: Styled, role: str) -> Styled:
    """Give a widget the font size, weight and colour of a role ("" for the plain default).

    Roles: heading, big, big-attention, big-muted, medium, title, muted, small, segment. Set in
    code, not by a style sheet, so that making a page stays cheap.
    """
    if widget.property("role") == role:
        return widget
    widget.setProperty("role", role)
    if role not in ROLES:
        widget.setFont(QFont())
        widget.setPalette(QPalette())
        return widget
    size, bold, colour = ROLES[role]
    theme = current_theme()
    font = QFont(QApplication.font())
    points = {
        "big": theme.big_point_size,
        "medium": theme.medium_point_size,
        "small": theme.small_point_size,
    }.get(size, theme.base_point_size)
    font.setPointSizeF(points)
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    if role == "heading":
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.0)
    widget.setFont(font)
    palette = QPalette()
    if colour:
        shade = {"good": theme.good, "attention": theme.attention}.get(colour, theme.muted)
        for part in (
            QPalette.ColorRole.WindowText,
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
        ):
            palette.setColor(part, shade)
    widget.setPalette(palette)
    return widget


def one_font_family(app: QApplication) -> None:
    """Use the system's UI font everywhere, sized for calm reading."""
    font = QFont(app.font())
    if font.pointSizeF() < 9.5:
        font.setPointSizeF(10.0)
    app.setFont(font)


def icon_path(name: str) -> str:
    """The path of an SVG icon shipped in resources/icons (name without extension)."""
    return str(ICONS / f"{name}.svg")
