"""Helpers shared by subcommands: opening the store with a progress bar, resolving deck arguments."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizapp.collection import Config
from quizapp.errors import UserError

BIG_SYNC_FILES = 5


def synced_store(cfg: Config, *, quiet: bool = False):
    """Open the store and sync decks, with a progress bar on a terminal when many files changed."""
    from quizapp.store.db import StoreError

    try:
        from quizapp.collection import open_store
        from quizapp.store.sync import sync_decks

        store = open_store(cfg)
    except StoreError as e:
        raise UserError(str(e)) from None
    bar = ProgressBar("Loading decks", min_total=BIG_SYNC_FILES, enabled=None if not quiet else False)
    try:
        report = sync_decks(store, cfg.deck_dirs(), bar.update)
    finally:
        bar.close()
    if not quiet:
        for err in report.errors:
            click.echo(f"skipped deck: {err}", err=True)
    return store, report


class ProgressBar:
    """A transient rich progress bar on stderr: shown only on a terminal, and only once the work is big enough.

    ``update(done, total, label)`` gives each label its own row; ``stage(name)`` shows indeterminate work;
    calling the bar as ``bar(label, done, total)`` suits callbacks that name their phase first.
    """

    def __init__(self, label: str, *, min_total: int = 0, enabled: bool | None = None) -> None:
        self.label, self.min_total = label, min_total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.bar = None
        self.tasks: dict[str, object] = {}

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()

    def update(self, done: int, total: int, label: str | None = None) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if total < self.min_total:
                return
            self._start()
        label = label or self.label
        if label not in self.tasks:
            self.tasks[label] = self.bar.add_task(label, total=total)
        self.bar.update(self.tasks[label], completed=done, total=total)

    def __call__(self, label: str, done: int, total: int) -> None:
        self.update(done, total, label)

    def stage(self, name: str) -> None:
        """Indeterminate work in named stages, on one row."""
        if not self.enabled:
            return
        if self.bar is None:
            self._start()
        if "stage" not in self.tasks:
            self.tasks["stage"] = self.bar.add_task(name, total=None)
        self.bar.update(self.tasks["stage"], description=name)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def resolve_decks(store, targets: tuple[str, ...]) -> tuple[str, ...] | None:
    """Turn DECK arguments (deck id, topic, deck file or folder) into deck ids; None means all."""
    if not targets:
        return None
    decks = store.decks()
    out: list[str] = []
    for t in targets:
        p = Path(t)
        if p.exists():
            rp = p.resolve()
            hits = [d["id"] for d in decks if d["path"] and (Path(d["path"]) == rp or rp in Path(d["path"]).parents)]
        else:
            low = t.lower()
            hits = [d["id"] for d in decks if d["id"] == t] or [
                d["id"] for d in decks if (d["topic"] or "").lower() == low or d["title"].lower() == low
            ]
        if not hits:
            raise UserError(f"no deck or topic matches {t!r} (see 'quizapp cards' for deck ids)")
        out.extend(h for h in hits if h not in out)
    return tuple(out)
