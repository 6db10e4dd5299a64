"""Where quizapp keeps its data: --data-dir, then $QUIZAPP_HOME, then the platform's user data dir."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "QUIZAPP_HOME"
DB_NAME = "quizapp.db"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory (not created here)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("quizapp", appauthor=False))


def db_path(base: Path) -> Path:
    return base / DB_NAME


def user_decks_dir(base: Path) -> Path:
    return base / "decks"


def bundled_decks_dir() -> Path | None:
    """The decks shipped with quizapp: inside the wheel, or the repo's decks/ in a checkout."""
    here = Path(__file__).resolve().parent
    for cand in (here / "_decks", here.parent / "decks"):
        if cand.is_dir():
            return cand
    return None
