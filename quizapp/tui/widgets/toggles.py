"""Checkbox and radio button whose mark changes shape with the value (✓ / ●), not only colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class MarkedCheckbox(Checkbox):
    """A checkbox showing ✓ when ticked and an empty box when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button


class MarkedRadioButton(RadioButton):
    """A radio button showing ● when chosen and ○ when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else "○"
        return super()._button
