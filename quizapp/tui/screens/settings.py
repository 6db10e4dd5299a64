"""SettingsScreen: desired retention, daily limits, day start, two-button mode and theme, saved per profile."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, RadioSet, Static

from quizapp.settings import Settings
from quizapp.tui.text import plain
from quizapp.tui.widgets.fields import FieldInput, TypeAheadScreen
from quizapp.tui.widgets.footer import KeyFooter
from quizapp.tui.widgets.toggles import MarkedCheckbox, MarkedRadioButton

FIELDS = (
    (
        "retention",
        "Desired retention",
        "0.70–0.99: the chance of remembering a card when it is due. Higher: more reviews.",
    ),
    ("new", "New cards a day", "How many cards you have not seen before to start each day."),
    ("reviews", "Reviews a day", "The most reviews to show a day."),
    ("day_start", "Day starts at (hour)", "0–23, local time. Cards due 'tomorrow' appear after this hour."),
)


class SettingsScreen(TypeAheadScreen, Screen):
    """Edit the current profile's study settings; Ctrl+S saves, Escape leaves.

    The number fields keep every key of a fast burst, in order (see ``quizapp.tui.widgets.fields``).
    """

    AUTO_FOCUS = DEFAULT_FIELD = "#set-retention"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="settings.save", tooltip="Save these settings for this profile"),
        Binding("escape", "leave", "Back", id="settings.back", tooltip="Leave (asks before dropping changes)"),
    ]

    def compose(self) -> ComposeResult:
        s: Settings = self.app.store.settings()
        values = {
            "retention": f"{s.desired_retention:.2f}",
            "new": str(s.new_per_day),
            "reviews": str(s.reviews_per_day),
            "day_start": str(s.day_start_hour),
        }
        with VerticalScroll(id="settings-body"):
            yield Static(
                Content.assemble(("Settings for profile ", "bold"), plain(self.app.store.profile).stylize("bold")),
                id="settings-title",
            )
            with Grid(id="settings-grid"):
                for key, label, hint in FIELDS:
                    yield Static(Content.assemble((label, "bold"), "\n", (hint, "dim")), classes="setting-label")
                    kind = "number" if key == "retention" else "integer"
                    yield FieldInput(values[key], id=f"set-{key}", type=kind, compact=True, select_on_focus=False)
                yield Static(
                    Content.assemble(("Two-button mode", "bold"), "\n", ("Only Again and Good: simpler.", "dim")),
                    classes="setting-label",
                )
                yield MarkedCheckbox("Again / Good only", s.two_button, id="set-two-button")
                yield Static(Content.styled("Theme", "bold"), classes="setting-label")
                with RadioSet(id="set-theme", compact=True):
                    yield MarkedRadioButton("Dark", value=s.theme != "textual-light", id="theme-dark")
                    yield MarkedRadioButton("Light", value=s.theme == "textual-light", id="theme-light")
            yield Static(id="settings-error")
            with Horizontal(id="settings-buttons"):
                yield Button("Save (Ctrl+S)", id="settings-save", variant="primary")
                yield Button("Cancel (Esc)", id="settings-cancel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.original = self.app.store.settings()
        self.query_one("#settings-error").display = False
        self.focus_default_field()

    def read(self) -> Settings:
        """The settings as entered; raises ValueError with a one-line reason when a value is not valid."""

        def number(key: str, cast, what: str):
            raw = self.query_one(f"#set-{key}", FieldInput).value.strip()
            try:
                return cast(raw)
            except ValueError:
                raise ValueError(f"{what} must be a number (got {raw!r})") from None

        light = self.query_one("#theme-light", MarkedRadioButton).value
        s = replace(
            self.original,
            desired_retention=round(number("retention", float, "Desired retention"), 3),
            new_per_day=number("new", int, "New cards a day"),
            reviews_per_day=number("reviews", int, "Reviews a day"),
            day_start_hour=number("day_start", int, "Day start"),
            two_button=self.query_one("#set-two-button", MarkedCheckbox).value,
            theme="textual-light" if light else "textual-dark",
        )
        s.validate()
        return s

    def action_save(self) -> None:
        error = self.query_one("#settings-error", Static)
        try:
            s = self.read()
        except ValueError as e:
            error.display = True
            error.update(Content.assemble(("✗ Not saved: ", "bold $text-error"), plain(str(e))))
            return
        self.app.store.save_settings(s)
        self.app.apply_theme()
        self.notify("Settings saved.")
        self.app.pop_screen()

    def action_leave(self) -> None:
        try:
            changed = self.read() != self.original
        except ValueError:
            changed = True
        if not changed:
            self.app.pop_screen()
            return
        from quizapp.tui.screens.confirm import ConfirmScreen

        def answer(drop: bool | None) -> None:
            if drop:
                self.app.pop_screen()

        self.app.push_screen(ConfirmScreen("Leave without saving your changes?", yes="Leave", no="Stay"), answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "settings-save":
            self.action_save()
        elif event.button.id == "settings-cancel":
            self.action_leave()
