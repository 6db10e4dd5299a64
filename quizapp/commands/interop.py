"""``quizapp import`` and ``quizapp export``: Anki packages and Anki text/CSV files, in and out."""

from __future__ import annotations

from pathlib import Path

import click

from quizapp.commands.common import ProgressBar
from quizapp.deck.models import LEVELS


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--into", type=click.Path(file_okay=False, path_type=Path), help="Deck folder to write to (default: your decks)."
)
@click.option("--with-history", is_flag=True, help="Bring Anki's review history and rebuild each card's schedule.")
@click.option(
    "--level",
    type=click.Choice([*LEVELS, "none"]),
    default="fundamentals",
    show_default=True,
    help="Level given to imported decks (Anki has no levels).",
)
@click.pass_obj
def import_cmd(cfg, file: Path, into: Path | None, with_history: bool, level: str) -> int:
    """Import an Anki package (.apkg, .colpkg) or an Anki text/CSV file as deck files.

    Each Anki deck and subdeck becomes one deck file; media go next to it. Importing the same file
    again updates the cards in place and keeps their progress."""
    from quizapp.interop.import_ import run_import

    bar = ProgressBar("Working")
    try:
        res = run_import(
            cfg, file, into, with_history=with_history, level=None if level == "none" else level, progress=bar
        )
    finally:
        bar.close()
    for w in res.warnings:
        click.echo(f"warning: {w}", err=True)
    for line in res.summary(into):
        click.echo(line)
    return 0


@click.command("export")
@click.argument("decks", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["apkg", "csv"]), default=None, help="Default: from -o's suffix.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@click.pass_obj
def export_cmd(cfg, decks: tuple[str, ...], fmt: str | None, output: Path) -> int:
    """Export decks (all when none given) as an Anki package or an Anki text file (CSV with headers).

    Cards keep stable GUIDs, so importing a newer export into Anki updates the notes instead of duplicating them."""
    from quizapp.commands.common import resolve_decks, synced_store

    fmt = fmt or {".apkg": "apkg", ".csv": "csv", ".txt": "csv", ".tsv": "csv"}.get(output.suffix.lower())
    if fmt is None:
        raise click.UsageError("say --format apkg or --format csv (or name the output .apkg or .csv)")
    for d in decks:
        p = Path(d)
        if p.exists() and all(p.resolve() != x.resolve() for x in cfg.deck_dirs() if x.exists()):
            cfg.extra_decks.append(p)
    store, _ = synced_store(cfg)
    try:
        ids = resolve_decks(store, decks)
        from quizapp.interop.export_src import write_export

        bar = ProgressBar("Working")
        try:
            n, data = write_export(store, ids, fmt, output, progress=bar)
        finally:
            bar.close()
    finally:
        store.close()
    for w in data.warnings:
        click.echo(f"warning: {w}", err=True)
    click.echo(f"exported {n} note(s) from {len(data.decks)} deck(s) to {output}")
    return 0
