"""``quizapp check`` and ``quizapp cards``: validate deck files and list their cards."""

from __future__ import annotations

import json
from pathlib import Path

import click

from quizapp.commands.common import resolve_decks, synced_store


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(paths: tuple[Path, ...], strict: bool) -> int:
    """Check deck files and folders; print every problem as file:line: message."""
    from quizapp.deck.checker import check_paths

    parsed, problems = check_paths(list(paths))
    for p in problems:
        click.echo(str(p))
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    cards = sum(len(n.cards("x")) for pd in parsed if pd.ok for n in pd.notes)
    ok_decks = sum(1 for pd in parsed if pd.ok)
    click.echo(
        f"{len(parsed)} deck file(s), {ok_decks} ok, {cards} cards; {errors} error(s), {warnings} warning(s)",
        err=True,
    )
    return 1 if errors or (strict and warnings) else 0


@click.command()
@click.argument("decks", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one list of cards).")
@click.pass_obj
def cards(cfg, decks: tuple[str, ...], as_json: bool) -> int:
    """List every card: id, deck, type, fields, level, tags and source. DECK is a deck id or a deck path."""
    for d in decks:
        p = Path(d)
        if p.exists() and all(p.resolve() != x.resolve() for x in cfg.deck_dirs() if x.exists()):
            cfg.extra_decks.append(p)
    store, _report = synced_store(cfg)
    ids = resolve_decks(store, decks)
    where, params = "c.deck_id IS NOT NULL", []
    if ids is not None:
        where += f" AND c.deck_id IN ({','.join('?' * len(ids))})"
        params = list(ids)
    rows = store.execute(
        "SELECT c.id, c.note_id, c.deck_id, d.title, c.type, c.front, c.back, c.data, c.explanation, c.source,"
        f" c.level, c.tags, c.path, c.line FROM cards c JOIN decks d ON d.id=c.deck_id WHERE {where}"
        " ORDER BY c.deck_id, c.pos",
        params,
    )
    out = []
    for r in rows:
        data = json.loads(r[7]) if r[7] else {}
        item = {
            "id": r[0],
            "note_id": r[1],
            "deck": r[2],
            "deck_title": r[3],
            "type": r[4],
            "front": r[5],
            "back": r[6],
            **{k: v for k, v in data.items() if k != "options"},
            "explanation": r[8],
            "source": r[9],
            "level": r[10] or None,
            "tags": r[11].split() if r[11] else [],
            "file": r[12],
            "line": r[13],
        }
        if "options" in data:
            item["options"] = [{"text": t, "correct": c} for t, c in data["options"]]
        out.append(item)
        if not as_json:
            front = " ".join(r[5].split())
            click.echo(f"{r[0]}\t{r[2]}\t{r[4]}\t{r[10] or '-'}\t{front[:70]}")
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
    return 0
