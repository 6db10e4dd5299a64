"""Write an Anki package with genanki: stock note types, stable GUIDs, local images as media; atomically."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from quizapp.deck.writer import replace_into
from quizapp.errors import UserError
from quizapp.interop.export_src import DROPPED, ExportData, Progress, note_fields
from quizapp.interop.ids import export_guid
from quizapp.interop.md_html import MediaSet, Renderer


def _models() -> dict[str, object]:
    import genanki

    return {
        "Basic": genanki.BASIC_MODEL,
        "Basic (and reversed card)": genanki.BASIC_AND_REVERSED_CARD_MODEL,
        "Basic (type in the answer)": genanki.BASIC_TYPE_IN_THE_ANSWER_MODEL,
        "Cloze": genanki.CLOZE_MODEL,
    }


def anki_deck_id(deck_id: str) -> int:
    """A stable Anki deck id for a quizapp deck id."""
    return (1 << 30) + int.from_bytes(hashlib.blake2b(deck_id.encode(), digest_size=4).digest(), "big") % (1 << 30)


def write_apkg(data: ExportData, output: Path, progress: Progress | None = None) -> int:
    """Write ``data`` to ``output`` (temp file, then rename). Returns the number of notes written."""
    import genanki

    models = _models()
    media = MediaSet()
    r = Renderer(media)
    decks = {d.id: genanki.Deck(anki_deck_id(d.id), d.title) for d in data.decks}
    dropped = 0
    total = len(data.notes)
    for k, en in enumerate(data.notes, 1):
        kind, fields, lost = note_fields(en, r)
        dropped += lost
        decks[en.deck.id].add_note(
            genanki.Note(model=models[kind], fields=fields, tags=list(en.note.tags), guid=export_guid(en.note_id))
        )
        if progress and (k % 500 == 0 or k == total):
            progress("Building notes", k, total)
    if dropped:
        data.warnings.append(DROPPED.format(dropped))
    if r.missing:
        data.warnings.append(f"{len(r.missing)} image(s) not found: {', '.join(sorted(r.missing)[:3])}")
    output = Path(output)
    if output.parent and not output.parent.exists():
        raise UserError(f"{output.parent}: no such folder")
    with tempfile.TemporaryDirectory(prefix="quizapp-export-") as tmp:
        files = []
        for path, name in media.by_path.items():
            dst = Path(tmp) / name
            shutil.copyfile(path, dst)
            files.append(str(dst))
        pkg = genanki.Package(list(decks.values()), media_files=files)
        fd, part = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent or ".")
        os.close(fd)
        try:
            pkg.write_to_file(part, timestamp=time.time())
            replace_into(part, output)
        except BaseException:
            if os.path.exists(part):
                os.unlink(part)
            raise
    return total
