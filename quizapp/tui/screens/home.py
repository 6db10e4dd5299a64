"""HomeScreen: decks grouped by topic with New / Learning / Due counts, a level filter and today's progress."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quizapp.tui.text import cell, fmt_duration, plain, snippet
from quizapp.tui.widgets.footer import KeyFooter

LEVEL_CHOICES: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    ("All levels", None),
    ("Fundamentals", ("fundamentals",)),
    ("Intermediate", ("intermediate",)),
    ("Academic", ("academic",)),
)
NOTICE = "Educational only: not medical advice. Ask your care team about your own care."
WIDE_FOOTER = 100  # columns the footer needs to show Import and Export and still "? Help" at its end
NEW_STYLE, LEARN_STYLE, DUE_STYLE = "bold #3b82f6", "bold #e5484d", "bold #30a46c"


class DeckTable(DataTable):
    """The deck list; Enter studies the highlighted row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            "Study",
            id="home.study",
            tooltip="Study the highlighted deck, topic or everything",
        ),
    ]


def _count(n: int, style: str):
    return cell(n, style if n else "dim", justify="right")


class HomeScreen(Screen):
    """The first screen: what there is to study today."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "app.browse", "Browse", id="home.browse", tooltip="Search every card"),
        Binding("x", "quiz", "Quiz", id="home.quiz", tooltip="A practice quiz on the highlighted decks"),
        Binding("t", "app.stats", "Stats", id="home.stats", tooltip="Your progress over time"),
        Binding("p", "app.profiles", "Profile", id="home.profiles", tooltip="Switch whose progress is used"),
        Binding("s", "app.settings", "Options", id="home.settings", tooltip="Retention, daily limits, theme"),
        Binding("i", "import", "Import", id="home.import", tooltip="Import an Anki package or Anki text/CSV file"),
        Binding("E", "export", "Export", id="home.export", tooltip="Export the highlighted decks for Anki"),
        Binding("l", "level", "Level", id="home.level", tooltip="Show only one level of cards (cycles)"),
        Binding("r", "reload", "Sync", id="home.reload", tooltip="Read the deck files again"),
        Binding("q", "app.quit", "Quit", id="home.quit", tooltip="Leave quizapp (answers are already saved)"),
        # i and E again, for a terminal too narrow to show them in the footer next to "? Help" (see check_action)
        Binding("i", "import('narrow')", "Import", show=False, id="home.import-narrow", tooltip="Import decks"),
        Binding("E", "export('narrow')", "Export", show=False, id="home.export-narrow", tooltip="Export decks"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.level_index = 0
        self.rows: dict[str, tuple[tuple[str, ...] | None, str]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="home-title")
        yield Static(NOTICE, id="notice", markup=False)
        yield Static(id="levels")
        yield Static(id="status")
        yield DeckTable(id="decks", cursor_type="row", zebra_stripes=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DeckTable)
        table.add_column("Deck", key="deck", width=40)
        table.add_column(cell("New", justify="right"), key="new")
        table.add_column(cell("Learning", justify="right"), key="learning")
        table.add_column(cell("Due", justify="right"), key="due")
        self.query_one("#notice").display = False
        self.query_one("#status").display = False
        self._show_levels()
        self.refresh_counts()

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    def on_resize(self) -> None:
        table = self.query_one(DeckTable)
        column = table.columns.get("deck")  # type: ignore[call-overload]
        if column is not None:
            column.width = max(20, self.size.width - 36)
            table.refresh(layout=True)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Import and Export are in the footer only when it is wide enough; narrower, hidden twins take the keys."""
        if action in ("import", "export"):
            return (self.size.width >= WIDE_FOOTER) != bool(parameters)
        return True

    @property
    def levels(self) -> tuple[str, ...] | None:
        return LEVEL_CHOICES[self.level_index][1]

    # -- display ----------------------------------------------------------------
    def show_progress(self, done: int, total: int) -> None:
        self._status(Content(f"Loading decks… {done}/{total} files"))

    def _status(self, content: Content | None) -> None:
        status = self.query_one("#status", Static)
        status.display = content is not None
        if content is not None:
            status.update(content)

    def _show_levels(self) -> None:
        parts: list[Content | str] = [Content.styled("Level: ", "bold")]
        for i, (name, _lv) in enumerate(LEVEL_CHOICES):
            if i:
                parts.append(" · ")
            parts.append(Content.styled(f"▸{name}", "bold underline") if i == self.level_index else name)
        parts.append(Content.styled("   (l to change)", "dim"))
        self.query_one("#levels", Static).update(Content.assemble(*parts))

    def refresh_counts(self) -> None:
        """Redraw the title line and the deck table from the store (or show that it is still loading)."""
        app = self.app
        store = app.store
        title = self.query_one("#home-title", Static)
        table = self.query_one(DeckTable)
        if store is None:
            title.update(Content.assemble(("quizapp", "bold"), "  ·  Profile: ", plain(app.cfg.profile)))
            table.clear()
            self.rows = {}
            if app.load_error:
                self._status(
                    Content.assemble(("✗ Cannot open your progress: ", "bold $text-error"), plain(app.load_error))
                )
            else:
                self._status(Content("Loading decks…"))
            return
        self._count(store.profile, self.levels)

    @work(thread=True, exclusive=True, group="home-counts", exit_on_error=False)
    def _count(self, profile: str, levels: tuple[str, ...] | None) -> None:
        """Count every deck in this thread, on its own connection (tens of ms at 100k cards), then show them."""
        from quizapp.store.db import Store
        from quizapp.store.home import home_counts

        app = self.app
        try:
            store = Store(app.cfg.db_file, profile, create_profile=False)
            try:
                counts = home_counts(store, app.clock(), levels)
            finally:
                store.close()
        except Exception as e:
            app.call_from_thread(self._status, Content.assemble(("✗ ", "bold $text-error"), plain(str(e))))
            return
        app.call_from_thread(self._show_counts, counts, profile, levels)

    def _show_counts(self, counts, profile: str, levels: tuple[str, ...] | None) -> None:
        from quizapp.store.home import cap_group

        app = self.app
        if app.store is None or app.store.profile != profile or levels != self.levels:
            return  # a newer refresh is on its way
        title = self.query_one("#home-title", Static)
        table = self.query_one(DeckTable)
        title.update(
            Content.assemble(
                ("quizapp", "bold"),
                "  ·  Profile: ",
                (profile, "bold"),
                "  ·  Today: ",
                (f"{counts.studied_today} studied", "bold"),
                f" in {fmt_duration(counts.seconds_today)}",
                "  ·  ",
                (f"{counts.remaining} to go", "bold"),
            )
        )
        self.query_one("#notice").display = app.first_run
        self._status(self._problems())
        keep = None
        if table.row_count:
            try:
                keep = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            except Exception:
                keep = None
        table.clear()
        self.rows = {}
        if not counts.decks:
            self._status(
                Content.assemble(
                    "No decks found. Put deck files (*.md) in ",
                    plain(str(app.cfg.home / "decks")),
                    " or start quizapp with --decks FOLDER.",
                )
            )
            return
        self._add("all", None, "All decks", "All decks", (counts.new, counts.learning, counts.due), bold=True)
        for topic, decks in counts.topics():
            ids = tuple(d.id for d in decks)
            self._add(f"topic:{topic}", ids, snippet(topic, 70), topic, cap_group(decks, counts), bold=True)
            for d in decks:
                self._add(f"deck:{d.id}", (d.id,), "   " + snippet(d.title, 70), d.title, (d.new, d.learning, d.due))
        if keep in self.rows:
            table.move_cursor(row=table.get_row_index(keep), animate=False)

    def _add(self, key, deck_ids, label: str, title: str, nums: tuple[int, int, int], bold: bool = False) -> None:
        self.rows[key] = (deck_ids, title)
        self.query_one(DeckTable).add_row(
            cell(label, "bold" if bold else ""),
            _count(nums[0], NEW_STYLE),
            _count(nums[1], LEARN_STYLE),
            _count(nums[2], DUE_STYLE),
            key=key,
        )

    def _problems(self) -> Content | None:
        report = self.app.sync_report
        if report is None or not report.errors:
            return None
        n = len(report.errors)
        first = report.errors[0].splitlines()[0]
        return Content.assemble(
            ("⚠ ", "bold $text-warning"),
            f"{n} deck problem{'s' if n != 1 else ''} (cards skipped; run 'quizapp check' for all): ",
            plain(snippet(first, 200)),
        )

    # -- actions --------------------------------------------------------------------
    def selected(self) -> tuple[tuple[str, ...] | None, str]:
        table = self.query_one(DeckTable)
        if not table.row_count:
            return None, "All decks"
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key or "all", (None, "All decks"))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        deck_ids, title = self.rows.get(event.row_key.value or "all", (None, "All decks"))
        self.app.start_review(deck_ids, self.levels, title)

    def action_study_all(self) -> None:
        self.app.start_review(None, self.levels, "All decks")

    def action_quiz(self) -> None:
        deck_ids, _title = self.selected()
        self.app.open_quiz(deck_ids, self.levels)

    def action_level(self) -> None:
        self.set_level((self.level_index + 1) % len(LEVEL_CHOICES))

    def set_level(self, index: int) -> None:
        self.level_index = index
        self._show_levels()
        self.refresh_counts()

    def action_reload(self) -> None:
        if self.app.store is None:
            return
        self._status(Content("Reloading decks…"))
        self.app.resync_decks(self._reloaded)

    def _reloaded(self, result) -> None:
        if isinstance(result, str):
            self.notify(result, title="Reload failed", severity="error", markup=False)
        else:
            self.notify(f"Decks reloaded: {result.added} added, {result.updated} changed, {result.removed} removed.")
        self.refresh_counts()

    def action_import(self, _narrow: str = "") -> None:
        if self.app.need_store() is None:
            return
        from quizapp import paths
        from quizapp.tui.screens.transfer import ImportScreen

        self.app.push_screen(ImportScreen(paths.user_decks_dir(self.app.cfg.home)), self._imported)

    def _imported(self, result) -> None:
        if result is not None:
            from quizapp.tui.screens.transfer import announce_import

            announce_import(self.app, result)
            self.action_reload()

    def action_export(self, _narrow: str = "") -> None:
        if self.app.need_store() is None:
            return
        from quizapp.tui.screens.transfer import ExportScreen

        deck_ids, title = self.selected()
        self.app.push_screen(ExportScreen(deck_ids, title), self._exported)

    def _exported(self, result) -> None:
        if result is not None:
            from quizapp.tui.screens.transfer import announce_export

            announce_export(self.app, result)
            self.refresh_counts()

    def palette_commands(self):
        """Extra command-palette entries for this screen: (title, help, callback)."""
        for i, (name, _lv) in enumerate(LEVEL_CHOICES):
            yield f"Level: {name}", "Show only cards of this level", lambda i=i: self.set_level(i)
        yield "Study everything due", "All decks, at the chosen level", self.action_study_all
