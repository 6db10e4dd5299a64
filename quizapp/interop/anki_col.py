"""Read an Anki collection's note types, decks, notes, cards and review log (schema 11 JSON or 15+ tables)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field

from quizapp.errors import UserError
from quizapp.interop import pbwire

# Anki's OriginalStockKind / StockNotetype kinds
STOCK_BASIC, STOCK_REVERSED, STOCK_OPTIONAL, STOCK_TYPING, STOCK_CLOZE, STOCK_OCCLUSION = 1, 2, 3, 4, 5, 6


@dataclass
class NoteTypeInfo:
    """One Anki note type: what its fields are called and what its templates show."""

    id: int
    name: str
    cloze: bool = False
    fields: list[str] = field(default_factory=list)
    templates: list[tuple[str, str, str]] = field(default_factory=list)  # (name, question, answer)
    stock: int = 0  # original stock kind, 0 when unknown


@dataclass
class AnkiNote:
    id: int
    guid: str
    mid: int
    tags: list[str]
    fields: list[str]


@dataclass
class AnkiCard:
    id: int
    nid: int
    did: int
    ord: int
    queue: int


class Collection:
    """Reads one collection connection; damaged content becomes a one-line ``UserError``."""

    def __init__(self, conn: sqlite3.Connection, schema: int, where: str) -> None:
        self.conn = conn
        self.schema = schema
        self.where = where

    def _q(self, sql: str, params=()) -> list:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as e:
            raise UserError(f"{self.where}: the collection is corrupt ({e})") from None

    def _has_table(self, name: str) -> bool:
        return bool(self._q("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)))

    def notetypes(self) -> dict[int, NoteTypeInfo]:
        try:
            if self._has_table("notetypes"):
                return self._notetypes_tables()
            return self._notetypes_json()
        except (pbwire.WireError, json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as e:
            raise UserError(f"{self.where}: damaged note types ({e})") from None

    def _notetypes_json(self) -> dict[int, NoteTypeInfo]:
        row = self._q("SELECT models FROM col")
        models = json.loads(row[0][0] or "{}") if row else {}
        out = {}
        for m in models.values():
            flds = sorted(m.get("flds", []), key=lambda f: f.get("ord", 0))
            tmpls = sorted(m.get("tmpls", []), key=lambda t: t.get("ord", 0))
            out[int(m["id"])] = NoteTypeInfo(
                id=int(m["id"]),
                name=str(m.get("name", "")),
                cloze=m.get("type", 0) == 1,
                fields=[str(f["name"]) for f in flds],
                templates=[(str(t.get("name", "")), str(t.get("qfmt", "")), str(t.get("afmt", ""))) for t in tmpls],
                stock=int(m.get("originalStockKind") or 0),
            )
        return out

    def _notetypes_tables(self) -> dict[int, NoteTypeInfo]:
        out: dict[int, NoteTypeInfo] = {}
        for ntid, name, config in self._q("SELECT id, name, config FROM notetypes"):
            cfg = pbwire.decode(config or b"")
            out[int(ntid)] = NoteTypeInfo(
                id=int(ntid),
                name=str(name),
                cloze=pbwire.first_int(cfg, 1) == 1,
                stock=pbwire.first_int(cfg, 9),
            )
        for ntid, _ord, name in self._q("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord"):
            if ntid in out:
                out[ntid].fields.append(str(name))
        for ntid, _ord, name, config in self._q("SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord"):
            if ntid in out:
                cfg = pbwire.decode(config or b"")
                out[ntid].templates.append((str(name), pbwire.first_str(cfg, 1), pbwire.first_str(cfg, 2)))
        return out

    def decks(self) -> dict[int, str]:
        """Deck id -> full name with ``::`` between levels."""
        if self._has_table("decks"):
            return {int(i): str(n).replace("\x1f", "::") for i, n in self._q("SELECT id, name FROM decks")}
        row = self._q("SELECT decks FROM col")
        try:
            data = json.loads(row[0][0] or "{}") if row else {}
            return {int(d["id"]): str(d["name"]) for d in data.values()}
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as e:
            raise UserError(f"{self.where}: damaged deck list ({e})") from None

    def note_count(self) -> int:
        return int(self._q("SELECT count(*) FROM notes")[0][0])

    def notes(self) -> Iterator[AnkiNote]:
        for nid, guid, mid, tags, flds in self._q("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"):
            yield AnkiNote(int(nid), str(guid), int(mid), str(tags or "").split(), str(flds).split("\x1f"))

    def cards(self) -> dict[int, list[AnkiCard]]:
        """Note id -> its cards, by template order."""
        out: dict[int, list[AnkiCard]] = {}
        for cid, nid, did, ord_, queue, odid in self._q(
            "SELECT id, nid, did, ord, queue, odid FROM cards ORDER BY nid, ord"
        ):
            # a card in a filtered deck belongs to its original deck
            out.setdefault(int(nid), []).append(AnkiCard(int(cid), int(nid), int(odid or did), int(ord_), int(queue)))
        return out

    def revlog(self) -> list[tuple[int, int, int, int, int]]:
        """(time ms, card id, ease 1-4, duration ms, type) for real answers, oldest first."""
        rows = self._q("SELECT id, cid, ease, time, type FROM revlog WHERE ease BETWEEN 1 AND 4 ORDER BY id")
        return [(int(a), int(b), int(c), int(d), int(e)) for a, b, c, d, e in rows]
