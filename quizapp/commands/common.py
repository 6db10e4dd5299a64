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
    bar = _Progress() if sys.stderr.isatty() and not quiet else None
    try:
        report = sync_decks(store, cfg.deck_dirs(), bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    if not quiet:
        for err in report.errors:
            click.echo(f"skipped deck: {err}", err=True)
    return store, report


class _Progress:
    """A rich progress bar that appears only once there is enough work to show."""

    def __init__(self) -> None:
        self.bar = None
        self.task = None

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            if total < BIG_SYNC_FILES:
                return
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Loading decks", total=total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


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
