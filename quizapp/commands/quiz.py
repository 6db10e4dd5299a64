"""``quizapp quiz``: a practice quiz from chosen decks or topics, full screen (or line by line with --plain)."""

from __future__ import annotations

import sys

import click

from quizapp.errors import UserError

TYPES_HELP = "mcq, multi, typed, cloze, order, match, tf (comma separated; default: all)"


@click.command()
@click.argument("decks", nargs=-1)
@click.option("--n", "n", type=int, default=20, show_default=True, help="How many questions.")
@click.option(
    "--level",
    "levels",
    multiple=True,
    help="Only cards of this level (fundamentals, intermediate, academic; repeatable).",
)
@click.option("--types", "types", default=None, metavar="LIST", help=f"Question types: {TYPES_HELP}.")
@click.option("--seed", type=int, default=None, help="Make the quiz repeatable (the results show the seed used).")
@click.option("--timed", "minutes", type=float, default=None, metavar="MINUTES", help="A time limit for the quiz.")
@click.option("--count/--no-count", "count", default=None, help="Count answers as reviews (reschedule cards).")
@click.option("--plain", is_flag=True, help="Ask line by line in the terminal instead of full screen.")
@click.pass_obj
def quiz(cfg, decks: tuple[str, ...], n: int, levels, types, seed, minutes, count, plain: bool) -> int:
    """A practice quiz of N questions from DECK or TOPIC (default: all decks), ignoring due dates.

    Answers are logged as quiz answers and leave the study schedule alone unless --count (or the
    quiz_counts setting) says otherwise."""
    from quizapp.commands.common import resolve_decks, synced_store
    from quizapp.deck.models import LEVELS
    from quizapp.quiz.spec import QuizSpec, parse_types

    lv: list[str] = []
    for raw in levels:
        for name in raw.replace(",", " ").split():
            if name.lower() not in LEVELS:
                raise click.UsageError(f"unknown level {name!r} (choose from {', '.join(LEVELS)})")
            lv.append(name.lower())
    try:
        qtypes = parse_types(types)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    store, _report = synced_store(cfg)
    deck_ids = resolve_decks(store, decks)
    if count is None:
        count = store.settings().quiz_counts
    try:
        spec = QuizSpec(
            n=n,
            types=qtypes,
            deck_ids=deck_ids,
            levels=tuple(dict.fromkeys(lv)) or None,
            seed=seed,
            timed_minutes=minutes,
            count=count,
        )
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    from quizapp.quiz.load import make_quiz, scope_title

    questions, used_seed = make_quiz(store, spec)
    if not questions:
        raise UserError("no questions could be built from these decks with these types and level")
    title = scope_title(store, deck_ids)
    if len(questions) < n:
        click.echo(f"Only {len(questions)} question(s) could be built (asked for {n}).", err=True)
    if plain or not (sys.stdin.isatty() and sys.stdout.isatty()):
        from quizapp.commands.quiz_plain import run_plain

        return run_plain(store, questions, spec, seed=used_seed, title=title)
    from quizapp.tui.quiz_app import QuizRunApp

    QuizRunApp(store, questions, spec, seed=used_seed, title=title).run()
    return 0
