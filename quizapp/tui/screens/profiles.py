"""ProfilesScreen: list, switch, create, rename and delete learner profiles (asks before losing progress)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Static

from quizapp.tui.text import cell, plain
from quizapp.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from quizapp.store.db import Store


class NameScreen(ModalScreen[str | None]):
    """Ask for a profile name; Enter accepts, Escape cancels (dismisses with None)."""

    DEFAULT_CSS = """
    NameScreen { align: center middle; }
    NameScreen #name-box { width: 56; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    NameScreen #name-error { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="profile-name.cancel", tooltip="Close without changing anything"),
    ]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question, self.value = question, value

    def compose(self) -> ComposeResult:
        with Vertical(id="name-box"):
            yield Static(plain(self.question))
            yield Input(self.value, placeholder="a name, 1 to 64 characters", id="name-input", max_length=64)
            yield Static(id="name-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if not name:
            self.query_one("#name-error", Static).update("Type a name first.")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ProfilesScreen(Screen):
    """Everyone who studies on this machine: Enter switches, n adds, r renames, d deletes."""

    DEFAULT_CSS = """
    ProfilesScreen #profiles-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    ProfilesScreen #profiles-help { height: auto; padding: 0 1; color: $text-muted; }
    ProfilesScreen DataTable { height: 1fr; margin: 1 1 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "switch", "Switch", id="profiles.switch", tooltip="Study as the highlighted profile"),
        Binding("n", "create", "New", id="profiles.new", tooltip="Add a profile that starts with every card new"),
        Binding("r", "rename", "Rename", id="profiles.rename", tooltip="Rename the highlighted profile"),
        Binding(
            "d", "delete", "Delete", id="profiles.delete", tooltip="Delete the highlighted profile and its progress"
        ),
        Binding("escape", "app.pop_screen", "Back", id="profiles.back", tooltip="Back to the decks"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.rows: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Static("Profiles", id="profiles-title")
        yield Static(
            "Each profile keeps its own progress in the same decks. ● marks the one in use.", id="profiles-help"
        )
        yield DataTable(id="profiles-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(" ", "Profile", "Reviews", "Cards seen", "Last studied (UTC)")
        self.reload(self.store.profile)
        table.focus()

    # -- data ---------------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        from quizapp.store.stats import profile_summary

        self.rows = profile_summary(self.store.conn)
        table = self.query_one(DataTable)
        table.clear()
        for r in self.rows:
            mark = "●" if r["name"] == self.store.profile else ""
            table.add_row(
                cell(mark),
                cell(r["name"]),
                cell(r["reviews"], justify="right"),
                cell(r["seen"], justify="right"),
                cell(r["last"] or "never"),
                key=str(r["id"]),
            )
        names = [r["name"] for r in self.rows]
        if select in names:
            table.move_cursor(row=names.index(select))

    def highlighted(self) -> dict | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def _try(self, fn, *args) -> bool:
        from quizapp.store.db import StoreError

        try:
            fn(*args)
        except StoreError as e:
            self.notify(str(e), severity="error", markup=False)
            return False
        return True

    # -- actions ------------------------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_switch()

    def action_switch(self) -> None:
        row = self.highlighted()
        if row is None:
            return
        if row["name"] == self.store.profile:
            self.app.pop_screen()
            return
        self.app.pop_screen()
        self.app.switch_profile(row["name"])
        self.app.notify(Content.assemble("Studying as ", plain(row["name"])))

    def action_create(self) -> None:
        def done(name: str | None) -> None:
            if name and self._try(self.store.create_profile, name):
                self.reload(name)
                self.notify(Content.assemble("Added ", plain(name), " — press Enter to switch to it."))

        self.app.push_screen(NameScreen("Name of the new profile:"), done)

    def action_rename(self) -> None:
        row = self.highlighted()
        if row is None:
            return
        old = row["name"]

        def done(name: str | None) -> None:
            if not name or name == old or not self._try(self.store.rename_profile, old, name):
                return
            if old == getattr(getattr(self.app, "cfg", None), "profile", None):
                self.app.cfg.profile = name  # the app reopens this profile by name later (re-sync)
            self.reload(name)
            self.query_one("#profiles-title", Static).update("Profiles")

        self.app.push_screen(NameScreen(f"New name for {old}:", old), done)

    def action_delete(self) -> None:
        row = self.highlighted()
        if row is None:
            return
        name = row["name"]
        if name == self.store.profile:
            self.notify("Switch to another profile before deleting this one.", severity="warning")
            return
        if len(self.rows) <= 1:
            self.notify("The only profile cannot be deleted.", severity="warning")
            return
        from quizapp.tui.screens.confirm import ConfirmScreen

        lost = (
            f"its {row['reviews']} review(s) and the progress on {row['seen']} card(s) will be lost"
            if row["reviews"] or row["seen"]
            else "it has no progress yet"
        )

        def done(yes: bool | None) -> None:
            if yes and self._try(self.store.delete_profile, name):
                self.reload(self.store.profile)
                self.notify(Content.assemble("Deleted ", plain(name)))

        self.app.push_screen(ConfirmScreen(f"Delete profile {name}? {lost[0].upper()}{lost[1:]}.", yes="Delete"), done)
