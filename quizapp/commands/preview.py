"""``quizapp preview``: open one deck file in the preview app (records no progress), reloading on save."""

from __future__ import annotations

from pathlib import Path

import click

from quizapp.errors import UserError


@click.command()
@click.argument("deck", type=click.Path(path_type=Path))
@click.option(
    "--interval",
    type=click.FloatRange(0.05, 60),
    default=0.5,
    show_default=True,
    help="Seconds between checks for a saved file.",
)
def preview(deck: Path, interval: float) -> int:
    """Page through every card of DECK (a deck .md file) with its answer, explanation, source and note.

    The preview reloads when the file is saved and shows `quizapp check` problems at their lines.
    Nothing is recorded: no progress, no database.
    """
    if not deck.exists():
        raise UserError(f"{deck}: no such file")
    if deck.is_dir():
        raise UserError(f"{deck}: is a folder; preview takes one deck file (*.md)")
    if deck.suffix.lower() != ".md":
        raise click.UsageError(f"{deck} is not a deck file (*.md)")
    from quizapp.tui.preview_app import PreviewApp

    PreviewApp(deck, poll_interval=interval).run()
    return 0
