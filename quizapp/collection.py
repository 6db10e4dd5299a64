"""Open a profile's progress store and bring it in line with the deck folders (shared by CLI and TUI)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp import paths


@dataclass
class Config:
    """Where data and decks are, and whose progress: the global command-line options."""

    data_dir: Path | None = None
    extra_decks: list[Path] = field(default_factory=list)
    profile: str = "default"
    bundled: bool = True

    @property
    def home(self) -> Path:
        return paths.data_dir(self.data_dir)

    @property
    def db_file(self) -> Path:
        return paths.db_path(self.home)

    def deck_dirs(self) -> list[Path]:
        """Bundled decks, the data dir's decks folder, then every --decks folder."""
        out: list[Path] = []
        if self.bundled:
            b = paths.bundled_decks_dir()
            if b:
                out.append(b)
        out.append(paths.user_decks_dir(self.home))
        out.extend(self.extra_decks)
        return out


def open_store(cfg: Config, *, create_profile: bool | None = None):
    from quizapp.store.db import Store

    return Store(cfg.db_file, cfg.profile, create_profile=True if create_profile is None else create_profile)


def open_synced(cfg: Config, progress: Callable[[int, int], None] | None = None):
    """Open the store and sync the decks. Returns (store, report)."""
    from quizapp.store.sync import sync_decks

    store = open_store(cfg)
    report = sync_decks(store, cfg.deck_dirs(), progress)
    return store, report
