"""ImportScreen and ExportScreen: Anki packages and text/CSV files in and out, from the home screen."""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, ProgressBar, RadioSet, Static

from quizapp.tui.text import plain
from quizapp.tui.widgets.fields import FieldInput, TypeAheadScreen
from quizapp.tui.widgets.toggles import MarkedCheckbox, MarkedRadioButton

# the output suffixes `quizapp export` reads a format from
FORMATS = {".apkg": "apkg", ".csv": "csv", ".txt": "csv", ".tsv": "csv"}
PROGRESS_EVERY = 0.1  # seconds between progress updates sent from the worker
MAX_WARNINGS = 3


@dataclass
class ExportDone:
    """What an export wrote (the CLI's summary line, as data)."""

    output: Path
    notes: int
    decks: int
    warnings: list[str]


def one_line(e: BaseException, where: Path) -> str:
    """A failure as one line naming the file: a UserError's message as is (the CLI prints the same)."""
    from quizapp.errors import UserError

    if isinstance(e, UserError):
        return str(e)
    if isinstance(e, OSError):
        return f"{e.filename or where}: {e.strerror or e}"
    text = str(e).strip().splitlines()
    return f"{where}: {text[0] if text else type(e).__name__}"


class SpaceCheckbox(MarkedCheckbox, inherit_bindings=False):
    """A tick box that Space toggles, leaving Enter to the form."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "toggle_button", "Toggle", show=False)]


class FormatChoice(RadioSet, inherit_bindings=False):
    """The export formats: the arrows move, Space picks (Enter is left to the form)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "next_button", "Next option", show=False),
        Binding("space", "toggle_button", "Pick", show=False),
        Binding("up,left", "previous_button", "Previous option", show=False),
    ]

    def action_toggle_button(self) -> None:
        picked = self._nodes[self._selected].id if self._selected is not None else None
        super().action_toggle_button()
        if picked:  # tell the form at once, not by message: an Enter typed right behind must see the new format
            self.screen.pick_format(picked.removeprefix("format-"))


class TransferScreen(TypeAheadScreen, ModalScreen[Any]):
    """A small form with a file field; Enter (or the button) runs the work in a thread, Escape closes.

    While the work runs the fields are disabled and a progress bar shows what it is doing; the screen closes
    with the result, or stays open with a one-line error so that the path can be fixed.
    """

    DEFAULT_CSS = """
    TransferScreen { align: center middle; }
    TransferScreen #transfer-box {
        width: 76; max-width: 100%; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    TransferScreen #transfer-title { margin-bottom: 1; }
    TransferScreen .transfer-label { margin-top: 1; }
    TransferScreen .transfer-hint { color: $text-muted; }
    TransferScreen Checkbox { margin-top: 1; border: none; padding: 0; height: auto; background: transparent; }
    TransferScreen RadioSet { margin-top: 1; width: auto; height: auto; }
    TransferScreen #transfer-error, TransferScreen #transfer-status, TransferScreen #transfer-buttons {
        height: auto; margin-top: 1;
    }
    TransferScreen #transfer-buttons Button { margin-right: 2; }
    """
    AUTO_FOCUS = DEFAULT_FIELD = "#transfer-path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="transfer.cancel", tooltip="Close without doing anything"),
        # Enter in a field submits it; on the tick box and format buttons (Space picks there) it comes here
        Binding("enter", "enter", "Go", show=False, id="transfer.go", tooltip="Run it"),
    ]
    GO = "Go"

    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        self._last_progress = 0.0

    # a form defines heading() (its title), fields() (the widgets under it) and action_go() (check and start)
    def compose(self) -> ComposeResult:
        with Vertical(id="transfer-box"):
            yield Static(self.heading(), id="transfer-title")
            yield from self.fields()
            yield Static(id="transfer-error")
            yield Static(id="transfer-status")
            yield ProgressBar(id="transfer-progress", show_eta=False)
            with Horizontal(id="transfer-buttons"):
                yield Button(f"{self.GO} (Enter)", id="transfer-go", variant="primary")
                yield Button("Cancel (Esc)", id="transfer-cancel")

    def on_mount(self) -> None:
        for name in ("#transfer-error", "#transfer-status", "#transfer-progress"):
            self.query_one(name).display = False
        self.focus_default_field()

    @property
    def path_field(self) -> FieldInput:
        return self.query_one("#transfer-path", FieldInput)

    def path_value(self) -> Path | None:
        """The typed path with ``~`` expanded, or None (and a message) when the field is empty."""
        raw = self.path_field.value.strip()
        if not raw:
            self.fail("Type a file name first.")
            return None
        return Path(raw).expanduser()

    # -- state --------------------------------------------------------------------------------------
    def fail(self, message: str) -> None:
        """Show a one-line error (never markup) and let the user fix the fields."""
        self.set_busy(False)
        error = self.query_one("#transfer-error", Static)
        error.display = True
        error.update(Content.assemble(("✗ ", "bold $text-error"), plain(" ".join(message.split()))))
        self.path_field.focus()

    def set_busy(self, busy: bool, label: str = "") -> None:
        self.busy = busy
        for widget in self.query("Input, Checkbox, RadioSet, Button"):
            widget.disabled = busy
        status = self.query_one("#transfer-status", Static)
        bar = self.query_one("#transfer-progress", ProgressBar)
        status.display = bar.display = busy
        if busy:
            self.query_one("#transfer-error").display = False
            status.update(plain(label))
            bar.update(total=None, progress=0)

    def report(self, label: str, done: int, total: int) -> None:
        """The core's progress callback, called in the worker thread: shown at most every PROGRESS_EVERY s."""
        now = time.monotonic()
        if done < total and now - self._last_progress < PROGRESS_EVERY:
            return
        self._last_progress = now
        self.app.call_from_thread(self._show_progress, label, done, total)

    def _show_progress(self, label: str, done: int, total: int) -> None:
        if self.busy:
            self.query_one("#transfer-status", Static).update(plain(f"{label}… {done}/{total}"))
            self.query_one("#transfer-progress", ProgressBar).update(total=total or None, progress=done)

    def finish(self, result: object) -> None:
        self.busy = False
        self.dismiss(result)

    # -- events -------------------------------------------------------------------------------------
    def action_cancel(self) -> None:
        if self.busy:
            self.notify("Still working: it finishes by itself (nothing is half-written).")
            return
        self.dismiss(None)

    def action_enter(self) -> None:
        if not self.busy:
            self.action_go()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_enter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "transfer-go":
            self.action_go()
        else:
            self.action_cancel()


class ImportScreen(TransferScreen):
    """Import an Anki package or Anki text/CSV file into deck files, as ``quizapp import`` does."""

    GO = "Import"

    def __init__(self, default_dest: Path) -> None:
        super().__init__()
        self.default_dest = default_dest

    def heading(self) -> Content:
        return Content.styled("Import an Anki package (.apkg, .colpkg) or an Anki text/CSV file", "bold")

    def fields(self) -> ComposeResult:
        yield Static("File to import", classes="transfer-label")
        yield FieldInput(placeholder="for example ~/Downloads/deck.apkg", id="transfer-path", compact=True)
        yield Static("Deck folder to write to", classes="transfer-label")
        yield FieldInput(placeholder=f"empty: your decks, {self.default_dest}", id="transfer-into", compact=True)
        yield Static("Each Anki deck and subdeck becomes one deck file; media go next to it.", classes="transfer-hint")
        yield SpaceCheckbox("With history: bring Anki's reviews and rebuild schedules", id="transfer-history")

    def action_go(self) -> None:
        file = self.path_value()
        if file is None:
            return
        if not file.exists():
            self.fail(f"{file}: no such file")
            return
        if file.is_dir():
            self.fail(f"{file}: is a folder, not a file")
            return
        raw = self.query_one("#transfer-into", FieldInput).value.strip()
        into = Path(raw).expanduser() if raw else None
        history = self.query_one("#transfer-history", SpaceCheckbox).value
        cfg = dataclasses.replace(self.app.cfg, extra_decks=list(self.app.cfg.extra_decks))
        self.set_busy(True, f"Importing {file.name}…")
        self._import(cfg, file, into, history)

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def _import(self, cfg, file: Path, into: Path | None, with_history: bool) -> None:
        from quizapp.interop.import_ import run_import

        try:
            res = run_import(cfg, file, into, with_history=with_history, progress=self.report)
        except Exception as e:
            self.app.call_from_thread(self.fail, one_line(e, file))
            return
        self.app.call_from_thread(self.finish, res)


def announce_import(app, res) -> None:
    """Say what an import wrote (counts, where, history, warnings); show a folder outside the deck folders too."""
    where = res.files[0].parent
    text = " ".join(line[0].upper() + line[1:] + "." for line in res.summary())
    rw = where.resolve()
    if not any(rw == d.resolve() or d.resolve() in rw.parents for d in app.cfg.deck_dirs() if d.exists()):
        app.cfg.extra_decks = [*app.cfg.extra_decks, where]
        text += f" That folder is shown until you quit; start quizapp with --decks {where} to keep it."
    app.notify(text, title="Import", timeout=12, markup=False)
    _warn(app, res.warnings)


def _warn(app, warnings: list[str]) -> None:
    for w in warnings[:MAX_WARNINGS]:
        app.notify(w, title="Warning", severity="warning", timeout=12, markup=False)
    if len(warnings) > MAX_WARNINGS:
        app.notify(f"… and {len(warnings) - MAX_WARNINGS} more warning(s)", severity="warning", markup=False)


class ExportScreen(TransferScreen):
    """Export the chosen decks as an Anki package or Anki text file, as ``quizapp export`` does."""

    GO = "Export"

    def __init__(self, deck_ids: tuple[str, ...] | None, title: str) -> None:
        super().__init__()
        self.deck_ids, self.deck_title = deck_ids, title
        self.fmt = "apkg"  # the chosen format, kept here at once (the radio set tells of a change by message)

    def heading(self) -> Content:
        return Content.assemble(("Export for Anki: ", "bold"), plain(self.deck_title).stylize("bold"))

    def fields(self) -> ComposeResult:
        yield Static("File to write", classes="transfer-label")
        yield FieldInput(slug_name(self.deck_title, "apkg"), id="transfer-path", compact=True)
        yield Static(plain(f"A name alone is written in {Path.cwd()}"), classes="transfer-hint")
        with FormatChoice(id="transfer-format", compact=True):
            yield MarkedRadioButton("Anki package (.apkg): cards, images and tags", value=True, id="format-apkg")
            yield MarkedRadioButton("Anki text file (.csv): tab-separated, with headers", id="format-csv")

    def pick_format(self, fmt: str) -> None:
        """``fmt`` is the format from now on; a file name ending in the other format's suffix gets this one's."""
        self.fmt = fmt
        field = self.path_field
        value = field.value.rstrip()
        suffix = Path(value).suffix
        if FORMATS.get(suffix.lower(), fmt) != fmt:
            field.value = value[: len(value) - len(suffix)] + "." + fmt

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        if event.pressed.id:
            self.pick_format(event.pressed.id.removeprefix("format-"))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing a name ending in .apkg or .csv picks that format."""
        fmt = FORMATS.get(Path(event.value.strip()).suffix.lower())
        if fmt is not None and fmt != self.fmt:
            self.fmt = fmt
            self.query_one(f"#format-{fmt}", MarkedRadioButton).value = True

    def action_go(self) -> None:
        output = self.path_value()
        if output is None:
            return
        output = output.absolute()
        if output.is_dir():
            self.fail(f"{output} is a folder; give a file name such as {output / slug_name(self.deck_title, self.fmt)}")
            return
        fmt = self.fmt
        if not output.exists():
            self._start(output, fmt)
            return
        from quizapp.tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._start(output, fmt)
            else:
                self.path_field.focus()

        question = f"{output.name} exists in {output.parent}. Replace it?"
        self.app.push_screen(ConfirmScreen(question, yes="Replace", no="Keep it"), answer)

    def _start(self, output: Path, fmt: str) -> None:
        self.set_busy(True, f"Exporting to {output.name}…")
        self._export(dataclasses.replace(self.app.cfg), output, fmt)

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def _export(self, cfg, output: Path, fmt: str) -> None:
        try:
            done = export_decks(cfg, self.deck_ids, fmt, output, self.report)
        except Exception as e:
            self.app.call_from_thread(self.fail, one_line(e, output))
            return
        self.app.call_from_thread(self.finish, done)


def slug_name(title: str, fmt: str) -> str:
    """The default file name for a deck: its title as letters, digits and '-' (as imported deck ids are)."""
    from quizapp.interop.ids import slug

    return f"{slug(title) or 'decks'}.{fmt}"


def export_decks(cfg, deck_ids: tuple[str, ...] | None, fmt: str, output: Path, progress=None) -> ExportDone:
    """What ``quizapp export`` does, on a freshly synced store of its own: the core writes the file atomically."""
    from quizapp.interop.export_src import write_export
    from quizapp.store.db import Store
    from quizapp.store.sync import sync_decks

    store = Store(cfg.db_file, cfg.profile, create_profile=False)
    try:
        sync_decks(store, cfg.deck_dirs())
        n, data = write_export(store, deck_ids, fmt, output, progress)
    finally:
        store.close()
    return ExportDone(output, n, len(data.decks), data.warnings)


def announce_export(app, done: ExportDone) -> None:
    app.notify(
        f"Exported {done.notes} note(s) from {done.decks} deck(s) to {done.output}.",
        title="Export",
        timeout=12,
        markup=False,
    )
    _warn(app, done.warnings)
