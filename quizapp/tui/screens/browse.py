"""BrowseScreen: full-text search over every card; suspend, flag or edit from the list, Enter for details."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from quizapp.scheduler import fmt_interval
from quizapp.store import browse as q
from quizapp.tui.text import cell, snippet
from quizapp.tui.widgets.fields import FieldInput, TypeAheadScreen
from quizapp.tui.widgets.footer import KeyFooter

LIMIT = 200


def state_text(queue: int | None, due: int | None, now: float) -> str:
    """'review, due 3d' and the like: the state in words, never colour alone."""
    name = q.QUEUE_NAMES.get(queue if queue is not None else 0, "new")
    if queue in (1, 2, 3) and due is not None:
        delta = due - now
        name += ", due now" if delta <= 60 else f", due {fmt_interval(timedelta(seconds=delta))}"
    return name


FIXED = 4 + 16 + 9 + 20 + 2 * 5  # flag, deck, type and state columns, plus cell padding


class BrowseScreen(TypeAheadScreen, Screen):
    """Type to search front, back, explanation and tags; the list updates as you type."""

    AUTO_FOCUS = DEFAULT_FIELD = "#search"  # keys typed right after '/' land in the search box

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="browse.back", tooltip="Back to the decks"),
        Binding("slash", "focus_search", "Search", key_display="/", id="browse.search", tooltip="Type a search"),
        Binding(
            "exclamation_mark",
            "suspend",
            "Suspend",
            key_display="!",
            id="browse.suspend",
            tooltip="Suspend or unsuspend the highlighted card",
        ),
        Binding("f", "flag", "Flag", id="browse.flag", tooltip="Flag or unflag the highlighted card"),
        Binding("e", "edit", "Edit", id="browse.edit", tooltip="Open the highlighted card in $EDITOR"),
    ]

    def compose(self) -> ComposeResult:
        yield FieldInput(placeholder="Search cards (words in question, answer, explanation or tags)", id="search")
        yield Static(id="browse-status")
        yield DataTable(id="results", cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#results", DataTable)
        table.add_column("Flag", key="flag", width=4)
        table.add_column("Deck", key="deck", width=16)
        table.add_column("Type", key="type", width=9)
        table.add_column("Card", key="card", width=40)
        table.add_column("State", key="state", width=20)
        self.titles = {d["id"]: d["title"] for d in self.app.store.decks()}
        self._timer = None
        self.focus_default_field()
        self.search()

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, text: str, profile: str) -> None:
        """Search in this thread, on its own connection (a one-letter prefix can take 0.2 s at 100k cards);
        the first search after the decks changed rebuilds the index here too."""
        from quizapp.store.db import Store

        app = self.app
        try:
            store = Store(app.cfg.db_file, profile, create_profile=False)
            try:
                if q.fts_dirty(store.conn):
                    app.call_from_thread(self._set_status, "Indexing the cards for search…")
                    q.rebuild_fts(store.conn)
                rows = q.search(store.conn, store.profile_id, text, LIMIT)
            finally:
                store.close()
        except Exception as e:  # a damaged index or a locked database: say so, keep the screen
            app.call_from_thread(self._set_status, f"Search failed: {e}")
            return
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._fill, text, rows)

    @property
    def _card_width(self) -> int:
        return max(20, self.size.width - FIXED)

    def on_resize(self) -> None:
        table = self.query_one("#results", DataTable)
        table.columns["card"].width = self._card_width  # type: ignore[index]
        table.refresh(layout=True)

    def _set_status(self, text: str) -> None:
        self.query_one("#browse-status", Static).update(Content(text))

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.15, self.search)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.search()
        self.query_one("#results", DataTable).focus()

    def search(self) -> None:
        """Search for what is in the box; the table is filled when the results arrive."""
        self._search(self.query_one("#search", Input).value, self.app.store.profile)

    def _fill(self, text: str, rows: list[dict]) -> None:
        """Show the results (unless the box has changed since), keeping the highlighted card if it is still there."""
        if text != self.query_one("#search", Input).value:
            return
        table = self.query_one("#results", DataTable)
        keep = self.current_id()
        table.clear()
        now = self.app.clock().timestamp()
        for r in rows:
            table.add_row(
                cell("⚑" if r["flag"] else ""),
                cell(snippet(self.titles.get(r["deck_id"], r["deck_id"] or ""), 16)),
                cell(r["type"]),
                cell(snippet(r["front"] or "", self._card_width)),
                cell(state_text(r["queue"], r["due"], now)),
                key=r["id"],
            )
        more = " (the first 200: add words to narrow it)" if len(rows) >= LIMIT else ""
        what = f"{len(rows)} card{'s' if len(rows) != 1 else ''}"
        self._set_status(f"{what} match{'es' if len(rows) == 1 else ''}{more}" if text.strip() else f"{what}{more}")
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep), animate=False)
            except Exception:
                pass

    def current_id(self) -> str | None:
        table = self.query_one("#results", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from quizapp.tui.screens.card_detail import CardDetailScreen

        event.stop()
        if event.row_key.value:
            self.app.push_screen(CardDetailScreen(event.row_key.value))

    def on_screen_resume(self) -> None:
        if getattr(self, "titles", None) is not None:
            self.search()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("suspend", "flag", "edit"):
            return self.current_id() is not None
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_suspend(self) -> None:
        card_id = self.current_id()
        if card_id:
            self.notify(toggle_suspend(self.app.store, card_id))
            self.search()

    def action_flag(self) -> None:
        card_id = self.current_id()
        if card_id:
            flagged = q.toggle_flag(self.app.store.conn, self.app.store.profile_id, card_id)
            self.notify("Flagged." if flagged else "Flag removed.")
            self.search()

    def action_edit(self) -> None:
        from quizapp.store.study import card_content
        from quizapp.tui.editing import edit_card

        card_id = self.current_id()
        content = card_content(self.app.store.conn, card_id) if card_id else None
        if content:
            edit_card(self.app, content, lambda _result: self.search())


def toggle_suspend(store, card_id: str) -> str:
    """Suspend the card, or unsuspend it if it is suspended (or buried). Returns what happened, in words."""
    st = q.card_state(store.conn, store.profile_id, card_id)
    suspended = bool(st and st["queue"] < 0)
    q.set_suspended(store.conn, store.profile_id, card_id, not suspended)
    return "Back in your reviews." if suspended else "Suspended: it will not be shown until you unsuspend it."
