"""``quizapp`` with no subcommand: run the study app full screen."""

from __future__ import annotations

from quizapp.collection import Config


def launch(cfg: Config) -> None:
    """Run the app until the learner quits (the app opens the store and syncs decks after its first paint)."""
    from quizapp.tui.app import make_app

    make_app(cfg).run()
