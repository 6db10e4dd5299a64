"""Build an import plan in memory: Anki notes grouped into decks, converted, with their media and card ids."""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.deck.models import DeckMeta, Note
from quizapp.errors import UserError
from quizapp.interop import ids
from quizapp.interop.notetypes import Converted, Mapping, convert

Progress = Callable[[str, int, int], None]
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
MAX_SKIP_EXAMPLES = 3


@dataclass
class DeckPlan:
    """One deck file to write: its notes and the media files its cards show."""

    name: str
    deck_id: str
    notes: list[Note] = field(default_factory=list)
    media: dict[str, str] = field(default_factory=dict)  # media name in the source -> file name in the folder

    @property
    def file_name(self) -> str:
        return f"{self.deck_id}.md"

    @property
    def media_dir(self) -> str:
        return f"{self.deck_id}_media"


def _safe_file_name(name: str, taken: set[str]) -> str:
    """A plain file name for a media file (letters, digits, '._-'), unique among ``taken``."""
    p = Path(name)
    stem = _UNSAFE_CHARS.sub("_", p.stem).strip("._") or "file"
    ext = _UNSAFE_CHARS.sub("", p.suffix)[:12]
    safe = stem + ext
    if safe != name or safe in taken:
        safe = f"{stem}-{hashlib.blake2b(name.encode(), digest_size=3).hexdigest()}{ext}"
    return safe


@dataclass
class ImportPlan:
    """Everything an import will write, built in memory first."""

    source: Path
    dest: Path
    level: str | None
    media_names: set[str]
    read_media: Callable[[str], bytes] | None
    decks: dict[str, DeckPlan] = field(default_factory=dict)
    card_map: dict[int, str] = field(default_factory=dict)  # Anki card id -> quizapp card id
    suspended: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)  # reason -> example note ids
    missing_media: set[str] = field(default_factory=set)

    def deck(self, name: str) -> DeckPlan:
        d = self.decks.get(name)
        if d is None:
            deck_id = ids.deck_id_for(name)
            if any(other.deck_id == deck_id for other in self.decks.values()):  # 'A B' and 'A-B'
                deck_id += "-" + hashlib.blake2b(name.encode(), digest_size=3).hexdigest()
            d = self.decks[name] = DeckPlan(name, deck_id)
        return d

    def add(self, deck_name: str, m: Mapping, fields: list[str], tags: list[str], note_id: str) -> Converted:
        """Convert one note into ``deck_name``'s deck; skipped notes are counted with their reason."""
        d = self.deck(deck_name)
        conv = convert(m, fields, tags, note_id, lambda src: self._media_ref(d, src))
        if conv.note is None:
            self.skipped.setdefault(conv.skipped or "unusable", []).append(note_id)
        else:
            d.notes.append(conv.note)
        return conv

    def _media_ref(self, d: DeckPlan, src: str) -> str | None:
        if src.startswith(("http://", "https://")):
            return src if " " not in src and ")" not in src else None
        name = src if src in self.media_names else urllib.parse.unquote(src)
        if name not in self.media_names:
            if not src.startswith("data:"):
                self.missing_media.add(src)
            return None
        if name not in d.media:
            d.media[name] = _safe_file_name(name, set(d.media.values()))
        return f"{d.media_dir}/{d.media[name]}"

    def finish_warnings(self) -> list[str]:
        out = list(self.warnings)
        for reason, examples in sorted(self.skipped.items()):
            ex = ", ".join(examples[:MAX_SKIP_EXAMPLES]) + (", ..." if len(examples) > MAX_SKIP_EXAMPLES else "")
            out.append(f"skipped {len(examples)} note(s): {reason} ({ex})")
        if self.missing_media:
            names = sorted(self.missing_media)
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            out.append(f"{len(names)} media file(s) missing from {self.source.name}: {', '.join(names[:3])}{more}")
        return out


def deck_meta(plan: ImportPlan, d: DeckPlan) -> DeckMeta:
    return DeckMeta(
        id=d.deck_id,
        title=d.name,
        topic=d.name.split("::")[0].strip() or d.name,
        description=f"Imported from {plan.source.name}",
        level=plan.level,
    )


def render(plan: ImportPlan, progress: Progress | None = None) -> dict[str, str]:
    """Deck file name -> text, each checked by the deck parser; notes it would reject are dropped with a warning."""
    from quizapp.deck.parser import parse_text
    from quizapp.deck.writer import deck_text, front_matter, note_text

    out: dict[str, str] = {}
    decks = [d for d in plan.decks.values() if d.notes]
    for i, d in enumerate(decks):
        meta = deck_meta(plan, d)
        path = str(plan.dest / d.file_name)
        for _attempt in range(3):
            text = deck_text(meta, d.notes)
            pd = parse_text(text, path)
            errors = list(pd.errors)
            if not errors:
                break
            # locate each note's first line to drop the ones the parser rejects
            starts, line = [], front_matter(meta).count("\n") + 3
            for n in d.notes:
                starts.append(line)
                line += note_text(n, default_level=meta.level).count("\n") + 2
            bad: set[int] = set()
            for p in errors:
                k = max((j for j, s in enumerate(starts) if s <= p.line), default=-1)
                if k < 0:
                    raise UserError(f"{path}:{p.line}: cannot write the deck: {p.message}")
                bad.add(k)
                plan.warnings.append(f"skipped note {d.notes[k].explicit_id}: {p.message}")
            d.notes = [n for j, n in enumerate(d.notes) if j not in bad]
        else:
            raise UserError(f"{path}: cannot write a valid deck file")
        if d.notes:
            out[d.file_name] = text
        if progress:
            progress("Checking decks", i + 1, len(decks))
    return out


def from_package(path: str | Path, dest: Path, level: str | None, progress: Progress | None = None, limits=None):
    """Plan the import of an .apkg/.colpkg. Returns (plan, package, collection reader); close the package after."""
    from quizapp.interop.anki_col import Collection
    from quizapp.interop.apkg_read import open_package
    from quizapp.interop.notetypes import classify

    pkg = open_package(path, limits)
    try:
        col = Collection(pkg.conn, pkg.schema, str(path))
        maps = {i: classify(nt) for i, nt in col.notetypes().items()}
        deck_names = col.decks()
        cards = col.cards()
        plan = ImportPlan(Path(path), dest, level, set(pkg.media), pkg.media_bytes)
        warned: set[int] = set()
        total = col.note_count()
        for k, n in enumerate(col.notes(), 1):
            m = maps.get(n.mid)
            note_id = ids.note_id_from_guid(n.guid)
            if m is None:
                plan.skipped.setdefault("its note type is missing from the collection", []).append(note_id)
                continue
            if m.warning and n.mid not in warned:
                warned.add(n.mid)
                plan.warnings.append(m.warning)
            ncards = cards.get(n.id, [])
            deck = deck_names.get(ncards[0].did, "Default") if ncards else "Default"
            conv = plan.add(deck, m, n.fields, n.tags, note_id)
            if conv.note is not None:
                for c in ncards:
                    cid = conv.ords.get(c.ord)
                    if cid:
                        plan.card_map[c.id] = cid
                        if c.queue == -1:
                            plan.suspended.add(cid)
            if progress and (k % 500 == 0 or k == total):
                progress("Reading notes", k, total)
    except BaseException:
        pkg.close()
        raise
    return plan, pkg, col


def from_text(path: str | Path, dest: Path, level: str | None, progress: Progress | None = None) -> ImportPlan:
    """Plan the import of a file in Anki's text format (or a plain two-column CSV/TSV)."""
    import html as htmllib

    from quizapp.interop.anki_text import read_text_file
    from quizapp.interop.html import looks_like_html
    from quizapp.interop.notetypes import classify_name

    tf = read_text_file(path)
    folder = Path(path).parent
    media = {f.name for f in folder.iterdir() if f.is_file()} if folder.is_dir() else set()
    plan = ImportPlan(Path(path), dest, level, media, lambda name: (folder / name).read_bytes())
    is_html = tf.html if tf.html is not None else any(looks_like_html(f) for r in tf.rows for f in r.fields)
    maps: dict[str, Mapping] = {}
    seen: dict[str, int] = {}
    for k, row in enumerate(tf.rows, 1):
        m = maps.get(row.notetype)
        if m is None:
            m = maps[row.notetype] = classify_name(row.notetype, len(row.fields))
            if m.warning:
                plan.warnings.append(m.warning)
        fields = row.fields if is_html else [htmllib.escape(f).replace("\n", "<br>") for f in row.fields]
        note_id = ids.note_id_from_guid(row.guid) if row.guid else ids.note_id_from_first_field(row.fields[0])
        if note_id in seen:
            plan.warnings.append(
                f"{tf.path}:{row.line}: same {'GUID' if row.guid else 'first field'} as line {seen[note_id]};"
                " the later row wins"
            )
            for d in plan.decks.values():
                d.notes = [n for n in d.notes if n.explicit_id != note_id]
        seen[note_id] = row.line
        plan.add(row.deck, m, fields, row.tags, note_id)
        if progress and (k % 500 == 0 or k == len(tf.rows)):
            progress("Reading rows", k, len(tf.rows))
    return plan
