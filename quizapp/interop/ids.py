"""Stable names across Anki and quizapp: note ids from Anki GUIDs (and back), deck ids from deck names."""

from __future__ import annotations

import hashlib
import re
import unicodedata

GUID_PREFIX = "anki-"  # + the Anki GUID, letters and digits kept, any other character as _xx (hex bytes)
TEXT_PREFIX = "txt-"  # text-file rows without a GUID: keyed by their first field, as Anki does


def note_id_from_guid(guid: str) -> str:
    """A quizapp note id that names the Anki note ``guid``; ``guid_from_note_id`` undoes it."""
    if guid.isascii() and guid.isalnum():
        return GUID_PREFIX + guid
    out = []
    for ch in guid:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        else:
            out.extend(f"_{b:02x}" for b in ch.encode("utf-8"))
    return GUID_PREFIX + "".join(out)


def guid_from_note_id(note_id: str) -> str | None:
    """The Anki GUID a note id came from, or None when it was not imported from Anki."""
    if not note_id.startswith(GUID_PREFIX):
        return None
    body = note_id[len(GUID_PREFIX) :]
    if not body or not re.fullmatch(r"(?:[A-Za-z0-9]|_[0-9a-f]{2})+", body):
        return None
    try:
        return _unescape(body)
    except UnicodeDecodeError:
        return None


def _unescape(body: str) -> str:
    raw = bytearray()
    i = 0
    while i < len(body):
        if body[i] == "_":
            raw.append(int(body[i + 1 : i + 3], 16))
            i += 3
        else:
            raw.extend(body[i].encode())
            i += 1
    return raw.decode("utf-8")


def export_guid(note_id: str) -> str:
    """The GUID a note gets in Anki: its original one if it came from Anki, else one derived from its id."""
    orig = guid_from_note_id(note_id)
    if orig:
        return orig
    import genanki

    return genanki.guid_for("quizapp", note_id)


def note_id_from_first_field(text: str) -> str:
    """Id for a text-file row without a GUID: its first field decides identity (Anki's duplicate rule)."""
    norm = " ".join(text.split()).casefold()
    return TEXT_PREFIX + hashlib.blake2b(norm.encode(), digest_size=8).hexdigest()


def slug(name: str) -> str:
    """Letters, digits and '-' only: 'Pharma::Anti-biotics (new)' -> 'pharma--anti-biotics-new'."""
    parts = []
    lossy = False
    for part in name.split("::"):
        ascii_ = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
        s = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
        lossy = lossy or not s or len(ascii_) < len(part.strip())
        parts.append(s or "x")
    out = "--".join(parts)[:72].strip("-")
    if lossy or len("--".join(parts)) > 72:
        out += "-" + hashlib.blake2b(name.encode(), digest_size=3).hexdigest()
    return out.strip("-")


def deck_id_for(name: str) -> str:
    """Deck id for an imported Anki deck name (prefixed so it never clashes with shipped decks)."""
    return "anki-" + slug(name)
