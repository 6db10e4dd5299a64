"""``quizapp stats``, ``report``, ``export-reviews``, ``import-reviews`` and ``optimize``."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from quizapp.collection import Config
from quizapp.commands.common import ProgressBar
from quizapp.errors import UserError

BIG_IMPORT = 200  # rows or cards: smaller jobs finish before a bar would be readable


def open_existing(cfg: Config, *, sync: bool = True):
    """Open the store for an existing profile (one-line error for an unknown one) and sync the decks."""
    from quizapp.collection import open_store
    from quizapp.store.db import StoreError

    try:
        store = open_store(cfg, create_profile=False)
    except StoreError as e:
        raise UserError(str(e)) from None
    if sync:
        from quizapp.store.sync import sync_decks

        report = sync_decks(store, cfg.deck_dirs())
        for err in report.errors:
            click.echo(f"skipped deck: {err}", err=True)
    return store


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@click.pass_obj
def stats(cfg: Config, as_json: bool) -> None:
    """Reviews, streak, retention, forecast, card states, time studied and mastery for the profile."""
    from quizapp.stats import compute_stats, format_text

    store = open_existing(cfg)
    try:
        s = compute_stats(store)
    finally:
        store.close()
    click.echo(json.dumps(s.to_dict(), indent=2, ensure_ascii=False) if as_json else format_text(s))


def _parse_since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-03-01", param_hint="--since") from None
    return dt.astimezone() if dt.tzinfo is None else dt


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True, help="Output format."
)
@click.option("--since", metavar="DATE", help="Count reviews from this date (local, YYYY-MM-DD) on.")
@click.option("--all-profiles", is_flag=True, help="One block of rows per profile (default: --profile only).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file.")
@click.pass_obj
def report(cfg: Config, fmt: str, since: str | None, all_profiles: bool, output: Path | None) -> None:
    """For instructors: one row per profile and topic with cards seen, reviews, retention, mastery (mean
    predicted recall now of the cards seen), time studied and last studied."""
    from quizapp.report import build_report, to_csv, to_json

    since_dt = _parse_since(since)
    if all_profiles:
        store = _open_any(cfg)
        names = None
    else:
        store = open_existing(cfg)
        names = [store.profile]
    try:
        rows = build_report(store, names, since_dt)
    finally:
        store.close()
    text = to_csv(rows) if fmt == "csv" else to_json(rows) + "\n"
    if output:
        from quizapp.deck.writer import atomic_write

        atomic_write(output, text)
        click.echo(f"wrote {len(rows)} row(s) to {output}", err=True)
    else:
        click.echo(text, nl=False)


def _open_any(cfg: Config):
    """--all-profiles: the named profile if it exists, else any profile (never creates one)."""
    from quizapp.store.db import StoreError

    try:
        return open_existing(cfg)
    except UserError:
        from quizapp.store.db import Store
        from quizapp.store.stats import profile_names

        names = profile_names(cfg.db_file)
        if not names:
            raise
        try:
            store = Store(cfg.db_file, names[0], create_profile=False)
        except StoreError as e:
            raise UserError(str(e)) from None
        from quizapp.store.sync import sync_decks

        sync_decks(store, cfg.deck_dirs())
        return store


@click.command("export-reviews")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True), help="CSV file ('-': stdout)."
)
@click.pass_obj
def export_reviews(cfg: Config, output: str) -> None:
    """Write the profile's review log as CSV: card_id, review_rating, review_time, review_duration."""
    from quizapp.reviews_csv import export_reviews as export
    from quizapp.reviews_csv import export_text

    store = open_existing(cfg, sync=False)
    try:
        if output == "-":
            text, n = export_text(store)
            click.echo(text, nl=False)
        else:
            n = export(store, output)
    finally:
        store.close()
    click.echo(f"exported {n} review(s) of profile {store.profile!r}", err=True)


@click.command("import-reviews")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def import_reviews(cfg: Config, file: Path) -> None:
    """Add reviews from a CSV file (same columns as export-reviews) and rebuild the affected cards' schedule.
    Rows already in the log are skipped; any bad row stops the import with nothing changed."""
    from quizapp.reviews_csv import CsvProblems
    from quizapp.reviews_csv import import_reviews as do_import

    if not file.exists():
        raise UserError(f"{file}: no such file")
    store = open_existing(cfg)
    bar = ProgressBar("Importing", min_total=BIG_IMPORT)
    try:
        res = do_import(store, file, progress=bar.update)
    except CsvProblems as e:
        bar.close()
        shown = e.problems[:20]
        for p in shown:
            click.echo(p, err=True)
        if len(e.problems) > len(shown):
            click.echo(f"... and {len(e.problems) - len(shown)} more", err=True)
        raise UserError(f"{len(e.problems)} bad row(s) in {file}: nothing imported") from None
    finally:
        bar.close()
        store.close()
    click.echo(f"imported into profile {store.profile!r}: {res.summary()}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--dry-run", is_flag=True, help="Score only; never save.")
@click.pass_obj
def optimize(cfg: Config, as_json: bool, dry_run: bool) -> None:
    """Fit FSRS parameters to the profile's reviews (first 70% by time), score them on the last 30% against
    the current ones (log loss, RMSE(bins)) and save them only if they predict better."""
    from quizapp.optimize import load_backend
    from quizapp.optimize import optimize as run

    load_backend()  # one-line hint when the optional extra is missing, before any work
    store = open_existing(cfg, sync=False)
    bar = ProgressBar("Optimizing")
    try:
        res = run(store, save=not dry_run, stage=bar.stage)
    finally:
        bar.close()
        store.close()
    if as_json:
        click.echo(json.dumps(res.to_dict(), indent=2))
    else:
        click.echo(res.text())
