"""Gather what an export needs: each chosen deck's notes (from its file) with the note ids progress is kept under."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.deck.models import Note

Progress = Callable[[str, int, int], None]


@dataclass
class ExportDeck:
    id: str
    title: str
    path: Path


@dataclass
class ExportNote:
    note: Note
    note_id: str  # the id the store knows this note by (stable across edits)
    deck: ExportDeck


@dataclass
class ExportData:
    decks: list[ExportDeck] = field(default_factory=list)
    notes: list[ExportNote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def load_export(store, deck_ids: tuple[str, ...] | None, progress: Progress | None = None) -> ExportData:
    """Notes of ``deck_ids`` (None: every deck) in file order; the store must be freshly synced."""
    from quizapp.deck.parser import parse_file
    from quizapp.store import interop as sql

    conn = store.conn
    ids = list(deck_ids) if deck_ids is not None else sql.all_deck_ids(conn)
    out = ExportData()
    rows = sql.deck_files(conn, ids)
    for k, (deck_id, path, title) in enumerate(rows, 1):
        pd = parse_file(path)
        if not pd.ok:
            out.warnings.append(f"{path}: skipped, the deck has errors (see 'quizapp check')")
            continue
        deck = ExportDeck(deck_id, title, Path(path))
        out.decks.append(deck)
        by_line = sql.note_ids_by_line(conn, path)
        used: set[str] = set()
        for n in pd.notes:
            nid = n.explicit_id or by_line.get(n.line) or "~" + n.content_key()
            while nid in used:
                nid += "+"
            used.add(nid)
            out.notes.append(ExportNote(n, nid, deck))
        if progress:
            progress("Reading decks", k, len(rows))
    return out


DROPPED = "{} explanation(s) of reversed or typed cards were left out (Anki's note types have no field for them)"

# Anki stock note type for each quizapp card type
NOTETYPE = {
    "basic": "Basic",
    "choice": "Basic",
    "order": "Basic",
    "reversed": "Basic (and reversed card)",
    "typed": "Basic (type in the answer)",
    "cloze": "Cloze",
}


def write_export(
    store, deck_ids: tuple[str, ...] | None, fmt: str, output: Path, progress: Progress | None = None
) -> tuple[int, ExportData]:
    """Export the chosen decks (all when None) to ``output`` as ``apkg`` or ``csv``, atomically.

    Returns the number of notes written and what was exported (its ``warnings`` are for the user).
    """
    from quizapp.errors import UserError

    output = Path(output)
    if output.parent and not output.parent.is_dir():  # a mistyped folder is an error, not a folder to create
        raise UserError(f"{output.parent}: no such folder")
    data = load_export(store, deck_ids, progress=progress)
    if not data.notes:
        raise UserError("nothing to export: the chosen decks have no cards")
    if fmt == "apkg":
        from quizapp.interop.apkg_write import write_apkg

        return write_apkg(data, output, progress=progress), data
    from quizapp.interop.csv_write import write_csv

    return write_csv(data, output), data


def note_fields(en: ExportNote, r) -> tuple[str, list[str], bool]:
    """(Anki note type name, its two fields as HTML, whether an explanation had no place to go)."""
    import html as htmllib

    n = en.note
    base = en.deck.path.parent

    def h(text: str) -> str:
        return r.html(text, base)

    expl = h(n.explanation)
    if n.type == "cloze":
        return NOTETYPE["cloze"], [h(anki_cloze(n.text)), expl], False
    if n.type == "choice":
        opts = "".join(f"<li>{h(o.text)}</li>" for o in n.options)
        many = sum(o.correct for o in n.options) > 1
        front = f"{h(n.front)}<br><i>{'Choose all that apply' if many else 'Choose one'}:</i><ul>{opts}</ul>"
        back = "<ul>" + "".join(f"<li>{h(o.text)}</li>" for o in n.options if o.correct) + "</ul>"
        return NOTETYPE["choice"], [front, back + (f"<br>{expl}" if expl else "")], False
    if n.type == "order":
        steps = "<ol>" + "".join(f"<li>{h(s)}</li>" for s in n.steps) + "</ol>"
        return NOTETYPE["order"], [h(n.front), steps + (f"<br>{expl}" if expl else "")], False
    if n.type == "typed":
        return NOTETYPE["typed"], [h(n.front), htmllib.escape(n.back.strip(), quote=False)], bool(expl)
    if n.type == "reversed":
        return NOTETYPE["reversed"], [h(n.front), h(n.back)], bool(expl)
    back = h(n.back)
    return NOTETYPE["basic"], [h(n.front), back + (f"<br><br>{expl}" if expl else "")], False


def anki_cloze(text: str) -> str:
    """Number every deletion as Anki needs (``{{x}}`` -> ``{{c1::x}}``), counting on like quizapp does."""
    from quizapp.deck.models import cloze_deletions

    parts: list[str] = []
    pos = 0
    for m, n in cloze_deletions(text):
        hint = f"::{m.group(3)}" if m.group(3) else ""
        parts += [text[pos : m.start()], f"{{{{c{n}::{m.group(2)}{hint}}}}}"]
        pos = m.end()
    return "".join(parts) + text[pos:]
