"""``quizapp generate``: turn documents into a draft deck and print what was made and what was skipped."""

from __future__ import annotations

import json
from pathlib import Path

import click

from quizapp.commands.common import ProgressBar
from quizapp.errors import UserError

BIG_INPUT = 200_000  # bytes of input from which a progress bar is worth showing


@click.command()
@click.argument("docs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", "output", required=True, type=click.Path(path_type=Path), help="The deck file to write (*.md)."
)
@click.option("--title", help="The deck's title (default: the document's title, else its file name).")
@click.option(
    "--level",
    type=click.Choice(["fundamentals", "intermediate", "academic"]),
    help="Level for cards whose section names none (and the deck's level).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "text", "markdown", "html"]),
    default="auto",
    show_default=True,
    help="How to read the documents (auto: by extension, then by content).",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists and differs.")
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON.")
def generate(
    docs: tuple[Path, ...], output: Path, title: str | None, level: str | None, fmt: str, force: bool, as_json: bool
) -> int:
    """Generate a draft deck from DOC... (plain text, Markdown or HTML) into OUTPUT.

    Cards come from tables, definitions, glossary entries, lists, step lists and key sentences. Each card
    carries its source (document, section, line) and the sentence it came from as a Note: for you to check.
    """
    from quizapp.deck.writer import atomic_write
    from quizapp.generate.build import build, deck_id_for
    from quizapp.generate.loader import load_document
    from quizapp.generate.report import report_lines

    if output.suffix.lower() != ".md":
        raise click.UsageError(f"output {output} must be a .md deck file")
    if output.is_dir():
        raise click.UsageError(f"output {output} is a folder; give a file name such as {output / 'draft.md'}")
    if title is not None and not title.strip():
        raise click.UsageError("--title must not be empty")
    size = 0
    for d in docs:
        if d.resolve() == output.resolve():
            raise click.UsageError(f"{d} is both a document and the output")
        size += d.stat().st_size if d.is_file() else 0
    bar = ProgressBar("Generating", enabled=None if size >= BIG_INPUT else False)
    try:
        documents = []
        for i, d in enumerate(docs):
            bar.update(i, len(docs) + 1, f"Reading {d.name}")
            documents.append(load_document(d, fmt, title if len(docs) == 1 else None))
        result = build(
            documents,
            deck_id_for(output),
            title=title,
            level=level,
            out_name=str(output),
            progress=bar.update,
        )
    finally:
        bar.close()
    if not result.notes:
        raise UserError(f"no cards could be made from {', '.join(str(d) for d in docs)} (nothing written)")
    if output.exists() and not force:
        try:
            same = output.read_text(encoding="utf-8") == result.text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            raise UserError(f"{output} exists; use --force to overwrite it (your edits there would be lost)")
    try:
        atomic_write(output, result.text)
    except OSError as e:
        raise UserError(f"{output}: cannot write: {e.strerror or e}") from None
    report = {"output": str(output), **result.report}
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        click.echo("\n".join(report_lines(report, str(output))))
    return 1 if report["check"]["errors"] else 0
