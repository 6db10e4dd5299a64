"""QuizApp and ``make_app``: the study app, shared by the ``quizapp`` command, the tests and the benchmark."""

from __future__ import annotations

import dataclasses
import importlib
import sys
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message

from quizapp.collection import Config
from quizapp.days import utcnow

if TYPE_CHECKING:
    from quizapp.store.db import Store
    from quizapp.store.sync import SyncReport


def _commands_provider():
    from quizapp.tui.commands import StudyCommands

    return StudyCommands


class StoreReady(Message):
    """The worker has opened and synced the store for ``profile`` (or failed with ``error``)."""

    def __init__(self, profile: str, report: SyncReport | None, error: str | None) -> None:
        super().__init__()
        self.profile, self.report, self.error = profile, report, error


class SyncProgress(Message):
    """Deck files parsed so far during a sync."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done, self.total = done, total


class QuizApp(App):
    """Spaced-repetition study in the terminal."""

    CSS_PATH = "app.tcss"
    TITLE = "quizapp"
    COMMANDS = App.COMMANDS | {_commands_provider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="app.help", tooltip="Keys, and what the grades mean"),
        Binding("q", "quit", "Quit", show=False, id="app.quit", tooltip="Leave quizapp (answers are already saved)"),
    ]

    def __init__(
        self,
        cfg: Config,
        *,
        clock: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] | None = None,
        fuzz: bool = True,
        study_on_start: bool = False,
        paint_hook: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.cfg = dataclasses.replace(cfg)
        self.clock = clock or utcnow
        self.monotonic = monotonic or time.monotonic
        self.fuzz = fuzz
        self.study_on_start = study_on_start
        self.paint_hook = paint_hook
        self.store: Store | None = None
        self.sync_report: SyncReport | None = None
        self.load_error: str | None = None
        self.first_run = False
        self.show_explanations = True  # the review's explanation and source after the answer; `s` toggles it

    async def _on_key(self, event: events.Key) -> None:
        """A key that reached the app unused: a screen with fields may take it (typed just before it opened)."""
        take = getattr(self.screen, "take_typed_ahead", None)
        if take is not None and take(event):
            event.prevent_default()  # App._on_key would look for a binding and drop the key
            event.stop()

    # -- start-up -------------------------------------------------------------
    def on_mount(self) -> None:
        self._load(self.cfg.profile, True)
        self.call_next(self._first_screen)  # lets the worker's thread start before the first screen is built

    def _first_screen(self) -> None:
        if self.study_on_start:  # straight into a review of everything due; home is built when it is needed
            from quizapp.tui.screens.review import ReviewScreen

            self.push_screen(ReviewScreen(title="All decks"))
        else:
            from quizapp.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def _load(self, profile: str, create: bool) -> None:
        """Open the profile's store in this thread, sync the decks, close it; the main thread reopens it.

        Each SQLite call releases the GIL and must win it back from the busy main thread (start-up imports,
        the first paint); a short switch interval while this runs keeps that from taking 5 ms per call.
        """
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, 0.0005))
        try:
            self._open_and_sync(profile, create)
        finally:
            sys.setswitchinterval(interval)
        for mod in ("quizapp.session", "quizapp.tui.screens.review"):
            importlib.import_module(mod)  # warm up, off the event loop, what studying needs

    def _open_and_sync(self, profile: str, create: bool) -> None:
        try:
            from quizapp.store.db import Store
            from quizapp.store.sync import sync_decks

            store = Store(self.cfg.db_file, profile, create_profile=create)
            try:
                report = sync_decks(store, self.cfg.deck_dirs(), lambda d, t: self.post_message(SyncProgress(d, t)))
            finally:
                store.close()
        except Exception as e:  # the message is shown in the app; nothing is half-written (sync uses one tx)
            self.post_message(StoreReady(profile, None, str(e) or type(e).__name__))
            return
        self.post_message(StoreReady(profile, report, None))

    def on_store_ready(self, message: StoreReady) -> None:
        from quizapp.store.db import Store, StoreError

        if message.error is None:
            try:
                store = Store(self.cfg.db_file, message.profile, create_profile=False)
            except StoreError as e:
                message.error = str(e)
        if message.error is not None:
            self.load_error = message.error
            self.notify(message.error, title="Cannot open your progress", severity="error", markup=False)
            self._refresh_home()
            return
        self.load_error = None
        self.store = store
        self.cfg.profile = message.profile
        self.sync_report = message.report
        self.first_run = store.meta_get("notice_seen") is None
        if self.first_run:
            store.meta_set("notice_seen", "1")
        self.apply_theme()
        waiting = getattr(self.screen, "store_ready", None)
        if callable(waiting):  # a screen opened before the store (the review of --study-on-start)
            self.call_later(waiting)
        self._refresh_home()

    def on_sync_progress(self, message: SyncProgress) -> None:
        home = self._home()
        if home is not None:
            home.show_progress(message.done, message.total)

    def _home(self):
        from quizapp.tui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                return screen
        return None

    def _refresh_home(self) -> None:
        home = self._home()
        if home is not None and home.is_current:
            home.refresh_counts()

    def go_home(self) -> None:
        """Back to the deck list: pop to it, or build it when the app started straight into a review."""
        from quizapp.tui.screens.home import HomeScreen

        if any(isinstance(s, HomeScreen) for s in self.screen_stack[:-1]):
            while not isinstance(self.screen_stack[-2], HomeScreen):
                self.pop_screen()
            self.pop_screen()
        else:
            self.switch_screen(HomeScreen())

    # -- shared services -----------------------------------------------------
    def apply_theme(self) -> None:
        if self.store is None:
            return
        theme = self.store.settings().theme
        self.theme = theme if theme in self.available_themes else "textual-dark"

    def switch_profile(self, name: str) -> None:
        """Reopen the store for profile ``name`` (opened and synced in a worker), then refresh home."""
        self.store = None
        self._refresh_home()
        self._load(name, False)

    def resync_decks(self, done: Callable[[Any], None]) -> None:
        """Sync the deck folders in a worker thread, then call ``done(report_or_error_text)`` on this thread."""
        self._resync(done)

    @work(thread=True, group="resync", exit_on_error=False)
    def _resync(self, done: Callable[[Any], None]) -> None:
        try:
            from quizapp.store.db import Store
            from quizapp.store.sync import sync_decks

            store = Store(self.cfg.db_file, self.cfg.profile, create_profile=False)
            try:
                result: Any = sync_decks(store, self.cfg.deck_dirs())
            finally:
                store.close()
        except Exception as e:
            result = str(e) or type(e).__name__
        self.call_from_thread(self._after_resync, done, result)

    def _after_resync(self, done: Callable[[Any], Any], result: Any) -> Any:
        if not isinstance(result, str):
            self.sync_report = result
        return done(result)

    def card_painted(self, card_id: str) -> None:
        """Called by the review screen once a card is on screen (used by the benchmark)."""
        if self.paint_hook is not None:
            self.paint_hook(card_id)

    # -- navigation (bindings and the command palette) -------------------------
    def need_store(self) -> Store | None:
        if self.store is None:
            self.notify("Still loading the decks…" if self.load_error is None else "Your progress could not be opened.")
        return self.store

    def start_review(self, deck_ids: tuple[str, ...] | None, levels: tuple[str, ...] | None, title: str) -> None:
        if self.need_store() is None:
            return
        from quizapp.tui.screens.review import ReviewScreen

        self.push_screen(ReviewScreen(deck_ids=deck_ids, levels=levels, title=title))

    def action_help(self) -> None:
        from quizapp.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_browse(self) -> None:
        if self.need_store() is not None:
            from quizapp.tui.screens.browse import BrowseScreen

            self.push_screen(BrowseScreen())

    def action_settings(self) -> None:
        if self.need_store() is not None:
            from quizapp.tui.screens.settings import SettingsScreen

            self.push_screen(SettingsScreen())

    def open_quiz(self, deck_ids: tuple[str, ...] | None = None, levels: tuple[str, ...] | None = None) -> None:
        store = self.need_store()
        if store is not None:
            screen = _optional_screen("quizapp.tui.screens.quiz", "QuizSetupScreen")
            if screen is None:
                self.notify("quiz not available")
            else:
                self.push_screen(screen(store, deck_ids, levels))

    def action_quiz(self) -> None:
        self.open_quiz(None, None)

    def action_stats(self) -> None:
        self._push_optional("quizapp.tui.screens.stats", "StatsScreen", "statistics")

    def action_profiles(self) -> None:
        self._push_optional("quizapp.tui.screens.profiles", "ProfilesScreen", "profiles")

    def _push_optional(self, module: str, name: str, what: str) -> None:
        store = self.need_store()
        if store is not None:
            screen = _optional_screen(module, name)
            if screen is None:
                self.notify(f"{what} not available", markup=False)
            else:
                self.push_screen(screen(store))


def _optional_screen(module: str, name: str):
    """A screen class from a module another part of quizapp provides, or None when it is not installed."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name == module:
            return None
        raise
    return getattr(mod, name, None)


def make_app(cfg: Config, **options) -> QuizApp:
    """The app for ``cfg`` (data dir, decks, profile), shared by the CLI and the tests; ``options`` are
    ``QuizApp``'s (clock, monotonic, fuzz, study_on_start, paint_hook). Nothing is opened until it runs."""
    return QuizApp(cfg, **options)
