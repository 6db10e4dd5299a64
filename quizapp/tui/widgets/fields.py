"""FieldInput and TypeAheadScreen: form fields that keep every key of a fast burst, in the order it was typed.

Textual inserts a printable key as soon as an Input receives it, but runs the keys bound to the Input and its
screen (Backspace, arrows, Home/End, Tab, Enter) only once the key has bubbled back up to the app
(Textual issue #6605). When several keys arrive at once (a paste of keys from tmux, a macro, a very fast typist)
they are then applied out of order: in "Tab Backspace Backspace 999" the digits land in the first field before
Tab has moved on. Keys typed just after the key that opens a screen reach the screen below, and those with no
binding there (digits) are dropped when they get to the app.

Here a focused field runs those bindings itself, at once; a key that reaches a field the focus has left is
passed on to the widget that has the focus now; and the app offers keys typed ahead of a screen change to the
screen that is showing now (``QuizApp._on_key`` calls ``take_typed_ahead``), which gives them to its field.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

_OFFERED = "_quizapp_offered"  # set on a key once a focused field has seen it


def _copy(event: events.Key) -> events.Key:
    return events.Key(event.key, event.character)


class FieldInput(Input):
    """An Input that handles a burst of keys in order; Enter moves on to the next field."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not self and focused is not None:  # the focus moved on while this key was waiting here
            event.prevent_default()
            event.stop()
            focused._forward_event(_copy(event))
            return
        setattr(event, _OFFERED, True)

        if event.is_printable:
            return  # Input's own handler inserts it, now
        # Run the binding now, as the app would once the key had bubbled up to it, so it keeps its place.
        if await self.app._check_bindings(event.key):
            event.prevent_default()
            event.stop()

    async def action_submit(self) -> None:
        await super().action_submit()
        self.screen.focus_next()


class TypeAheadScreen:
    """Mixed into a Screen whose fields are FieldInputs: keys typed before it was ready go to its field.

    ``DEFAULT_FIELD`` is the selector of the field focused when the screen opens; the screen should also make it
    its ``AUTO_FOCUS``, so that it has the focus as soon as it is composed (not, say, the scrolling body).
    """

    DEFAULT_FIELD = "FieldInput"
    _ready = False  # set once the default field has been focused (on mount)
    _typed_ahead: list[events.Key] | None = None  # keys that came before that

    def focus_default_field(self) -> None:
        """Focus the first field (at once, not after a refresh), then hand it any keys that came before."""
        if self.focused is None:
            self.set_focus(self.query_one(self.DEFAULT_FIELD))
        self._ready = True
        pending, self._typed_ahead = self._typed_ahead or [], None
        for key in pending:
            self.take_typed_ahead(key)

    def take_typed_ahead(self, event: events.Key) -> bool:
        """Give ``event`` to the focused field if no field has seen it yet; False to leave it to the app."""
        if getattr(event, _OFFERED, False):
            return False
        if not self._ready:
            if self._typed_ahead is None:
                self._typed_ahead = []
            self._typed_ahead.append(_copy(event))
            return True
        target = self.focused
        if target is None:
            self.focus_default_field()
            target = self.focused
        if not isinstance(target, FieldInput):
            return False
        target._forward_event(_copy(event))
        return True

    def on_key(self, event: events.Key) -> None:
        """A key sent to the screen itself while nothing was focused yet: to the field."""
        if self.take_typed_ahead(event):
            event.prevent_default()
            event.stop()

    def focus_next(self, selector="*"):
        if self.focused is None and self._ready:  # Tab before any field had the focus: the first one counts as focused
            self.focus_default_field()
        return super().focus_next(selector)

    def focus_previous(self, selector="*"):
        if self.focused is None and self._ready:
            self.focus_default_field()
        return super().focus_previous(selector)
