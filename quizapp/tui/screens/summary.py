"""SummaryScreen: after a session, cards studied, % correct, time taken and when the next card is due."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from quizapp.scheduler import fmt_interval
from quizapp.tui.text import fmt_duration, plain
from quizapp.tui.widgets.footer import KeyFooter


class SummaryScreen(Screen):
    """What the session achieved; Enter goes home, u takes back the last answer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "home", "Home", id="summary.home", tooltip="Back to the deck list"),
        Binding("u,ctrl+z", "undo", "Undo", id="summary.undo", tooltip="Take back the last answer and see it again"),
    ]

    def __init__(self, session, title: str, started: float) -> None:
        super().__init__()
        self.session = session
        self.title_text = title
        self.started = started

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="summary-box"):
            yield Static(id="summary-title")
            yield Static(id="summary-body")
            yield Static(id="summary-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        s = self.session.summary
        left = self.session.counts().total
        if s.studied == 0 and left == 0:
            head = "Nothing to study right now"
        elif left == 0:
            head = "Congratulations! You have finished for now"
        else:
            head = f"Session ended: {left} card{'s' if left != 1 else ''} still to study today"
        self.query_one("#summary-title", Static).update(
            Content.assemble((head, "bold"), "\n", ("Studied: ", "dim"), plain(self.title_text))
        )
        rows = [
            ("Cards studied", str(s.studied)),
            ("Correct", f"{s.correct} of {s.studied} ({s.percent_correct:.0f}%)" if s.studied else "–"),
            ("Time", fmt_duration(s.seconds)),
            ("Next card due", self._next_due(s.next_due)),
        ]
        body = Content("\n").join(Content.assemble((f"{k:<15}", "bold"), v) for k, v in rows)
        self.query_one("#summary-body", Static).update(body)
        self.query_one("#summary-hint", Static).update(
            Content.assemble(("Enter", "bold"), ": back to the decks   ", ("u", "bold"), ": undo the last answer")
        )

    def _next_due(self, due: int | None) -> str:
        if due is None:
            return "no cards scheduled yet"
        delta = due - self.app.clock().timestamp()
        if delta <= 60:
            return "now"
        return "in " + fmt_interval(timedelta(seconds=delta))

    def action_home(self) -> None:
        self.app.go_home()

    def action_undo(self) -> None:
        from quizapp.tui.screens.review import ReviewScreen

        if not self.session.can_undo:
            self.notify("Nothing to undo.")
            return
        self.app.switch_screen(
            ReviewScreen(
                self.session.deck_ids,
                self.session.levels,
                self.title_text,
                session=self.session,
                started=self.started,
                undo=True,
            )
        )
