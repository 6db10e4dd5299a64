"""KeyFooter: Textual's Footer, rebuilt only when the keys it would show actually change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """The stock footer recomposes on every bindings update (focus moves, phase changes); this one compares first."""

    def __init__(self, *, show_command_palette: bool = False) -> None:
        super().__init__(compact=True, show_command_palette=show_command_palette)
        self._shown: tuple | None = None

    def _signature(self, screen: Screen) -> tuple:
        return tuple(
            (key, b.description, b.key_display, enabled, tooltip)
            for key, (_node, b, enabled, tooltip) in screen.active_bindings.items()
            if b.show
        )

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.app_focus:
            sig = self._signature(screen)
            if sig == self._shown and self._bindings_ready:
                return
            self._shown = sig
            self._bindings_ready = True
            # Rebuild after the coming frame, from this widget's own queue: whatever the frame was for (a new
            # card, say) reaches the screen and its after-refresh callbacks run before the footer is rebuilt.
            self.call_after_refresh(self.call_later, self.recompose)
            return
        super().bindings_changed(screen)
