"""``quizapp quiz --plain``: the quiz line by line on a plain terminal (or a pipe), no full-screen app."""

from __future__ import annotations

import time

import click

from quizapp.quiz.questions import (
    ChoiceQuestion,
    MatchQuestion,
    OrderQuestion,
    Question,
    TrueFalseQuestion,
    TypedQuestion,
)
from quizapp.quiz.scoring import Results, fmt_seconds
from quizapp.quiz.spec import QuizSpec

LETTERS = "abcdefgh"


def _read(prompt: str) -> str | None:
    """One line of input; None at end of input."""
    try:
        return input(prompt)
    except EOFError:
        return None


def _numbers(text: str, n: int, *, base: int = 1) -> list[int] | None:
    """'1 3' or '1,3' -> [0, 2]; None when a number is out of range or not a number."""
    out = []
    for part in text.replace(",", " ").split():
        if not part.isdigit() or not base <= int(part) < n + base:
            return None
        out.append(int(part) - base)
    return out


def ask(q: Question, number: int, total: int):
    """Show question ``q`` and read a response; None means skip, ... means stop the quiz."""
    click.echo(f"\n[{number}/{total}] {q.title}" + (f"  ({q.topic}, {q.level})" if q.topic else ""))
    if isinstance(q, TrueFalseQuestion):
        click.echo(q.statement if q.statement else f"{q.prompt}\n{q.proposed}")
        line = _read("True or false? (t/f) ")
        return ... if line is None else {"t": True, "true": True, "f": False, "false": False}.get(line.strip().lower())
    click.echo(q.prompt)
    if isinstance(q, ChoiceQuestion):
        for i, opt in enumerate(q.options, 1):
            click.echo(f"  {i}. {opt}")
        line = _read("Your choices (numbers, space separated): " if q.multi else "Your choice (number): ")
        if line is None:
            return ...
        picked = _numbers(line, len(q.options))
        if picked is None:
            return None
        return picked if q.multi else (picked[0] if len(picked) == 1 else None)
    if isinstance(q, OrderQuestion):
        for i, s in enumerate(q.shown, 1):
            click.echo(f"  {i}. {q.steps[s]}")
        line = _read("The numbers above in the right order: ")
        if line is None:
            return ...
        picked = _numbers(line, len(q.shown))
        return None if picked is None else [q.shown[p] for p in picked]
    if isinstance(q, MatchQuestion):
        for i, t in enumerate(q.lefts, 1):
            click.echo(f"  {i}. {t}")
        for j, r in enumerate(q.rights):
            click.echo(f"  {LETTERS[j]}) {r}")
        line = _read("A letter for each term, in order (e.g. 'bdac'): ")
        if line is None:
            return ...
        letters = [c for c in line.lower() if c.isalpha()]
        return [LETTERS.index(c) if c in LETTERS[: len(q.rights)] else None for c in letters]
    assert isinstance(q, TypedQuestion)
    line = _read("Your answer: ")
    return ... if line is None else line


def run_plain(store, questions: list[Question], spec: QuizSpec, *, seed: int | None, title: str) -> int:
    from quizapp.quiz.record import StoreRecorder
    from quizapp.quiz.runner import QuizRun

    recorder = StoreRecorder(store, count=spec.count)
    run = QuizRun(questions, recorder=recorder, time_limit_s=spec.time_limit_s, clock=time.monotonic, seed=seed)
    click.echo(
        f"Quiz: {title} · {run.total} questions" + (f" · {spec.timed_minutes:g} min" if spec.timed_minutes else "")
    )
    while not run.finished:
        q = run.current
        response = ask(q, run.number, run.total)
        if response is ...:
            run.stop()
            break
        try:
            grade = run.skip() if response is None or response == "" else run.answer(response)
        except TimeoutError:
            click.echo("Time is up.")
            break
        click.echo(grade.message)
        if not grade.correct and not isinstance(q, MatchQuestion) and q.answer not in grade.message:
            click.echo(f"Answer: {q.answer}")
        elif isinstance(q, MatchQuestion) and not grade.correct:
            click.echo(q.answer)
        if q.explanation:
            click.echo(f"Why: {q.explanation}")
        if q.source:
            click.echo(f"Source: {q.source}")
        run.advance()
    results = run.results()
    show_results(results)
    stdin_tty = click.get_text_stream("stdin").isatty()
    if results.missed_card_ids and stdin_tty and click.confirm("Put the missed cards into today's study queue?"):
        rep = recorder.send_to_study(results.missed_card_ids)
        click.echo(f"{rep.queued} card(s) added to today's study.")
    return 0


def show_results(r: Results) -> None:
    o = r.overall
    click.echo(
        f"\nScore {o.points:g}/{o.total} ({o.percent:.0f}%), {o.correct} fully right, time {fmt_seconds(r.seconds)}"
    )
    if r.timed_out:
        click.echo("Time ran out.")
    for label, group in (("Topic", r.by_topic), ("Level", r.by_level)):
        for name, t in sorted(group.items()):
            click.echo(f"  {label} {name}: {t.points:g}/{t.total} ({t.percent:.0f}%)")
    if r.missed:
        click.echo("Missed:")
        for a in r.missed:
            q = a.question
            click.echo(f"  - {(q.prompt or getattr(q, 'statement', '')).splitlines()[0]} -> {q.answer.splitlines()[0]}")
    if r.seed is not None:
        click.echo(f"Seed {r.seed} (use --seed {r.seed} to take the same quiz again).")
