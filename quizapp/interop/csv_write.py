"""Write decks in Anki's text format (tab-separated, with header directives) so Anki imports it unchanged."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from quizapp.deck.writer import atomic_write
from quizapp.interop.export_src import DROPPED, ExportData, note_fields
from quizapp.interop.ids import export_guid
from quizapp.interop.md_html import MediaSet, Renderer

HEADER = (
    "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n"
    "#columns:GUID\tNotetype\tDeck\tFront\tBack\tTags\n"
)


def write_csv(data: ExportData, output: Path) -> int:
    """Write ``data`` to ``output`` atomically. Images are referenced by name (add them to Anki's media folder)."""
    r = Renderer(MediaSet())
    buf = io.StringIO()
    buf.write(HEADER)
    w = csv.writer(buf, delimiter="\t", quotechar='"', lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    dropped = 0
    for en in data.notes:
        kind, fields, lost = note_fields(en, r)
        dropped += lost
        w.writerow([export_guid(en.note_id), kind, en.deck.title, *fields, " ".join(en.note.tags)])
    if dropped:
        data.warnings.append(DROPPED.format(dropped))
    if r.media.by_path:
        data.warnings.append(
            f"{len(r.media.by_path)} image(s) are referenced by name only: copy them into Anki's media folder"
        )
    atomic_write(output, buf.getvalue())
    return len(data.notes)
