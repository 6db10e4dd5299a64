"""CardDetailScreen: one card with its state (next due, stability, recall now) and its review history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quizapp.scheduler import RATING_NAMES, fmt_interval
from quizapp.store import browse as q
from quizapp.tui.text import cell, plain
from quizapp.tui.widgets.card_view import CardView
from quizapp.tui.widgets.footer import KeyFooter

STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}


def fmt_time(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class CardDetailScreen(Screen):
    """The card, answer included, and everything the scheduler knows about it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="detail.back", tooltip="Back to the search results"),
        Binding(
            "exclamation_mark", "suspend", "Suspend", key_display="!", id="detail.suspend", tooltip="Suspend/unsuspend"
        ),
        Binding("f", "flag", "Flag", id="detail.flag", tooltip="Flag or unflag this card"),
        Binding("e", "edit", "Edit", id="detail.edit", tooltip="Open the card's deck file at its line in $EDITOR"),
    ]

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id

    def compose(self) -> ComposeResult:
        yield CardView(id="detail-card")
        yield Static(id="detail-state")
        yield DataTable(id="detail-history", cursor_type="none", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#detail-history", DataTable)
        for name in ("When", "Grade", "Mode", "Took", "Stability after"):
            table.add_column(name)
        self.reload()

    def reload(self) -> None:
        store = self.app.store
        info = q.card_detail(store, self.card_id, self.app.clock())
        if info is None:
            self.query_one("#detail-state", Static).update(Content("This card no longer exists."))
            return
        self.info = info
        self.query_one(CardView).show(info["content"], revealed=True, extra=True)
        self.query_one("#detail-state", Static).update(self._state_content(info))
        table = self.query_one("#detail-history", DataTable)
        table.clear()
        for h in reversed(info["history"]):
            stab = h["stability"]
            table.add_row(
                cell(fmt_time(h["time"])),
                cell(f"{h['rating']} {RATING_NAMES.get(h['rating'], '?')}"),
                cell(h["mode"] or ""),
                cell(f"{(h['duration_ms'] or 0) / 1000:.0f} s"),
                cell("" if stab is None else f"{stab:.1f} d"),
            )
        table.display = bool(info["history"])

    def _state_content(self, info: dict) -> Content:
        now = self.app.clock()
        queue = info["queue"]
        state = STATE_NAMES.get(info.get("state", 0), "new")
        status = {-1: "suspended", -2: "buried until tomorrow"}.get(queue, state)
        parts: list[Content | str] = [("State: ", "bold"), status]
        if info.get("flag"):
            parts += ["  ", ("⚑ flagged", "bold $text-warning")]
        if info.get("leech"):
            parts += ["  ", ("leech (forgotten many times)", "bold $text-error")]
        if info.get("due") is not None:
            delta = info["due"] - now.timestamp()
            when = "now" if delta <= 60 else "in " + fmt_interval(timedelta(seconds=delta))
            parts += ["   ", ("Next due: ", "bold"), when]
        parts.append("\n")
        if info.get("stability") is not None:
            parts += [("Stability: ", "bold"), f"{info['stability']:.1f} days   "]
            parts += [("Difficulty: ", "bold"), f"{info['difficulty']:.1f}/10   "]
        if info.get("recall") is not None:
            parts += [("Recall now: ", "bold"), f"{info['recall'] * 100:.0f}%   "]
        n = len(info["history"])
        parts += [("Reviews: ", "bold"), str(n), "   ", ("Lapses: ", "bold"), str(info.get("lapses", 0))]
        content = info["content"]
        parts += ["\n", ("File: ", "bold"), plain(f"{content.get('path') or '-'}:{content.get('line') or 0}")]
        return Content.assemble(*parts)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_suspend(self) -> None:
        from quizapp.tui.screens.browse import toggle_suspend

        self.notify(toggle_suspend(self.app.store, self.card_id))
        self.reload()

    def action_flag(self) -> None:
        flagged = q.toggle_flag(self.app.store.conn, self.app.store.profile_id, self.card_id)
        self.notify("Flagged." if flagged else "Flag removed.")
        self.reload()

    def action_edit(self) -> None:
        from quizapp.tui.editing import edit_card

        if getattr(self, "info", None):
            edit_card(self.app, self.info["content"], lambda _result: self.reload())
