"""BrowseScreen: full-text search over every card; suspend, flag or edit from the list, Enter for details."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from quizapp.scheduler import fmt_interval
from quizapp.store import browse as q
from quizapp.tui.text import cell, snippet
from quizapp.tui.widgets.fields import FieldInput, TypeAheadScreen
from quizapp.tui.widgets.footer import KeyFooter

PAGE = 200  # cards fetched at a time; the next page comes when the cursor nears the last card shown
AHEAD = 50  # how near: a page down or two before the end, so holding a key rarely meets the end of the list


def state_text(queue: int | None, due: int | None, now: float) -> str:
    """'review, due 3d' and the like: the state in words, never colour alone."""
    name = q.QUEUE_NAMES.get(queue if queue is not None else 0, "new")
    if queue in (1, 2, 3) and due is not None:
        delta = due - now
        name += ", due now" if delta <= 60 else f", due {fmt_interval(timedelta(seconds=delta))}"
    return name


FIXED = 4 + 16 + 9 + 20 + 2 * 5  # flag, deck, type and state columns, plus cell padding


class ResultsTable(DataTable):
    """The result list: Home and End go to the first and last card shown; a move down from the last asks for more."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First card", show=False, id="browse.first", tooltip="Go to the first card"),
        Binding(
            "end",
            "scroll_bottom",
            "Last card",
            show=False,
            id="browse.last",
            tooltip="Go to the last card shown (press again once more cards are in)",
        ),
    ]

    class PastEnd(Message):
        """A move down was asked for on the last row: ``action`` is run again when the next page is in."""

        def __init__(self, action: str) -> None:
            super().__init__()
            self.action = action

    def _past_end(self, action: str) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1:
            self.post_message(self.PastEnd(action))

    def action_cursor_down(self) -> None:
        self._past_end("cursor_down")
        super().action_cursor_down()

    def action_page_down(self) -> None:
        self._past_end("page_down")
        super().action_page_down()

    def action_scroll_bottom(self) -> None:
        self._past_end("scroll_bottom")
        super().action_scroll_bottom()


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

    _shown: str | None = None  # the search whose results the table holds
    _total = 0  # how many cards match it in all (counted with its first page)
    _last_key: tuple | None = None  # where the next page starts
    _exhausted = True  # the last page came back short: every match is in the table
    _gen = 0  # bumped when the table is refilled, so a page asked for before that is dropped
    _loading: int | None = None  # the gen a next page is being fetched for
    _pending: str | None = None  # a move down past the last row, run again once the next page is in

    def compose(self) -> ComposeResult:
        yield FieldInput(placeholder="Search cards (words in question, answer, explanation or tags)", id="search")
        yield Static(id="browse-status")
        yield ResultsTable(id="results", cursor_type="row")
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

    def _open(self, profile: str):
        """A store on its own connection, for a worker thread."""
        from quizapp.store.db import Store

        return Store(self.app.cfg.db_file, profile, create_profile=False)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, text: str, profile: str, limit: int) -> None:
        """Count the matches and fetch the first ``limit`` in this thread (a one-letter prefix can take 0.1 s at
        100k cards); the first search after the decks changed rebuilds the index here too."""
        app = self.app
        try:
            store = self._open(profile)
            try:
                if q.fts_dirty(store.conn):
                    app.call_from_thread(self._set_status, "Indexing the cards for search…")
                    q.rebuild_fts(store.conn)
                total = q.search_count(store.conn, text)
                rows = q.search(store.conn, store.profile_id, text, limit)
            finally:
                store.close()
        except Exception as e:  # a damaged index or a locked database: say so, keep the screen
            app.call_from_thread(self._set_status, f"Search failed: {e}")
            return
        if not get_current_worker().is_cancelled:
            app.call_from_thread(self._fill, text, rows, total, limit)

    @work(thread=True, exclusive=True, group="more", exit_on_error=False)
    def _more(self, text: str, profile: str, after: tuple | None, gen: int) -> None:
        """Fetch the page after ``after`` in this thread; ``_append`` drops it if the table was refilled since."""
        app = self.app
        try:
            store = self._open(profile)
            try:
                rows = q.search(store.conn, store.profile_id, text, PAGE, after)
            finally:
                store.close()
        except Exception as e:
            app.call_from_thread(self._more_failed, gen, e)
            return
        if not get_current_worker().is_cancelled:  # cancelled when the screen closes
            app.call_from_thread(self._append, gen, rows)

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
        """Search for what is in the box; the table is filled when the results arrive.

        The same search again (after an edit, or back from a card) fetches as many cards as are shown, so the
        highlighted card keeps its place however far down the list it is.
        """
        text = self.query_one("#search", Input).value
        shown = self.query_one("#results", DataTable).row_count if text == self._shown else 0
        self._search(text, self.app.store.profile, max(PAGE, shown))

    def _cells(self, r: dict, now: float) -> tuple:
        """A result row's cells, every one shown literally (card text and deck titles are never markup)."""
        return (
            cell("⚑" if r["flag"] else ""),
            cell(snippet(self.titles.get(r["deck_id"], r["deck_id"] or ""), 16)),
            cell(r["type"]),
            cell(snippet(r["front"] or "", self._card_width)),
            cell(state_text(r["queue"], r["due"], now)),
        )

    def _add(self, rows: list[dict]) -> None:
        table = self.query_one("#results", DataTable)
        now = self.app.clock().timestamp()
        for r in rows:
            if r["id"] not in table.rows:  # the index was rebuilt between two pages: a card listed already
                table.add_row(*self._cells(r, now), key=r["id"])
        if rows:
            self._last_key = rows[-1]["key"]

    def _fill(self, text: str, rows: list[dict], total: int, limit: int) -> None:
        """Show the results (unless the box has changed since), keeping the highlighted card if it is still there."""
        if text != self.query_one("#search", Input).value:
            return
        table = self.query_one("#results", DataTable)
        keep, row, same = self.current_id(), table.cursor_row, text == self._shown
        table.clear()
        self._gen += 1
        self._loading = self._pending = self._last_key = None
        self._shown, self._total, self._exhausted = text, total, len(rows) < limit
        self._add(rows)
        self._show_status()
        if keep is not None and table.row_count:
            try:
                table.move_cursor(row=table.get_row_index(keep), animate=False)
            except Exception:  # gone (edited away): the same search stays where it was, a new one starts at the top
                if same:
                    table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        self._load_more()

    def _append(self, gen: int, rows: list[dict]) -> None:
        """Add the next page under the cards shown, then run the move down that was waiting for it."""
        if gen != self._gen:
            return
        self._loading = None
        self._exhausted = len(rows) < PAGE
        self._add(rows)
        self._show_status()
        pending, self._pending = self._pending, None
        if pending:
            getattr(self.query_one("#results", ResultsTable), f"action_{pending}")()
        self._load_more()

    def _more_failed(self, gen: int, error: Exception) -> None:
        if gen == self._gen:
            self._loading = self._pending = None
            self._set_status(f"Could not load more cards: {error}")

    def _show_status(self) -> None:
        """'277 cards, 200 shown (more as you move down)', or '12 cards match' once all are in."""
        shown = self.query_one("#results", DataTable).row_count
        total = shown if self._exhausted else max(self._total, shown)
        what = f"{total} card{'s' if total != 1 else ''}"
        if (self._shown or "").strip():
            what += f" match{'es' if total == 1 else ''}"
        if shown < total:
            what += f", {shown} shown (more as you move down)"
        self._set_status(what)

    def _load_more(self) -> None:
        """Fetch the next page if the cursor is near the last card shown and more cards match."""
        table = self.query_one("#results", DataTable)
        if self._exhausted or self._loading == self._gen or self._shown is None:
            return
        if table.row_count and table.cursor_row < table.row_count - AHEAD:
            return
        self._loading = self._gen
        self._more(self._shown, self.app.store.profile, self._last_key, self._gen)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._load_more()

    def on_results_table_past_end(self, event: ResultsTable.PastEnd) -> None:
        if not self._exhausted:
            self._pending = event.action
            self._load_more()

    def current_id(self) -> str | None:
        table = self.query_one("#results", DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _redraw(self, card_id: str) -> None:
        """Show a card's new flag and state in its row, in place (the list and its place in it stay as they are)."""
        r = q.card_row(self.app.store.conn, self.app.store.profile_id, card_id)
        table = self.query_one("#results", DataTable)
        if r is None or card_id not in table.rows:
            self.search()
            return
        flag, _deck, _type, _card, state = self._cells(r, self.app.clock().timestamp())
        table.update_cell(card_id, "flag", flag)
        table.update_cell(card_id, "state", state)

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
            self._redraw(card_id)

    def action_flag(self) -> None:
        card_id = self.current_id()
        if card_id:
            flagged = q.toggle_flag(self.app.store.conn, self.app.store.profile_id, card_id)
            self.notify("Flagged." if flagged else "Flag removed.")
            self._redraw(card_id)

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
