"""Open an Anki package (.apkg/.colpkg): pick the real collection, decompress it, check it, map its media."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.errors import UserError
from quizapp.interop import pbwire
from quizapp.interop.safezip import Limits, SafeZip, unsafe_name

# PackageMetadata.Version in Anki: 1 = collection.anki2, 2 = collection.anki21, 3 = collection.anki21b + zstd
LATEST_PACKAGE_VERSION = 3
COLLECTION_NAMES = ("collection.anki21b", "collection.anki21", "collection.anki2")
SCHEMA_MIN, SCHEMA_MAX = 11, 18
SQLITE_MAGIC = b"SQLite format 3\x00"
STUB_TEXT = "please update to the latest anki version"


@dataclass
class AnkiPackage:
    """An opened package: an in-memory copy of its collection and a map of its media files."""

    path: Path
    zip: SafeZip
    version: int
    collection_name: str
    conn: sqlite3.Connection
    schema: int
    media: dict[str, str] = field(default_factory=dict)  # file name -> zip member
    zstd_media: bool = False

    def media_bytes(self, name: str) -> bytes:
        member = self.media[name]
        return self.zip.read_zstd(member) if self.zstd_media else self.zip.read(member)

    def close(self) -> None:
        self.conn.close()
        self.zip.close()

    def __enter__(self) -> AnkiPackage:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_package(path: str | Path, limits: Limits | None = None) -> AnkiPackage:
    """Open and check ``path``; every problem is a one-line ``UserError``."""
    z = SafeZip(path, limits)
    try:
        return _open(z)
    except BaseException:
        z.close()
        raise


def _open(z: SafeZip) -> AnkiPackage:
    p = z.path
    version = 0
    if "meta" in z:
        try:
            version = pbwire.first_int(pbwire.decode(z.read("meta")), 1)
        except pbwire.WireError:
            raise UserError(f"{p}: damaged package metadata ('meta')") from None
        if version > LATEST_PACKAGE_VERSION or version < 1:
            raise UserError(
                f"{p}: unknown Anki package version {version} (quizapp reads versions 1 to {LATEST_PACKAGE_VERSION});"
                " export it again with 'Support older Anki versions' ticked"
            )
    name = next((n for n in COLLECTION_NAMES if n in z), None)
    if name is None:
        raise UserError(f"{p}: no Anki collection inside (expected collection.anki21b, .anki21 or .anki2)")
    if not version:
        version = 3 if name.endswith("b") else 2 if name.endswith("21") else 1
    raw = z.read_zstd(name) if name.endswith("b") else z.read(name)
    conn = _load_sqlite(raw, f"{p}: {name}")
    try:
        schema = int(conn.execute("SELECT ver FROM col").fetchone()[0])
    except (sqlite3.DatabaseError, TypeError, ValueError):
        conn.close()
        raise UserError(f"{p}: {name} is corrupt (not an Anki collection)") from None
    if not SCHEMA_MIN <= schema <= SCHEMA_MAX:
        conn.close()
        raise UserError(
            f"{p}: unsupported Anki collection schema version {schema} (quizapp reads {SCHEMA_MIN} to {SCHEMA_MAX})"
        )
    if not name.endswith("b") and _is_stub(conn):
        conn.close()
        raise UserError(
            f"{p}: {name} is only Anki's 'please update' placeholder and the real collection"
            " (collection.anki21b) is missing"
        )
    pkg = AnkiPackage(p, z, version, name, conn, schema)
    try:
        _read_media_map(pkg)
    except BaseException:
        conn.close()
        raise
    return pkg


def _load_sqlite(raw: bytes, where: str) -> sqlite3.Connection:
    if not raw.startswith(SQLITE_MAGIC) or len(raw) < 100:
        raise UserError(f"{where} is corrupt (not an SQLite database)")
    if raw[18] == 2 or raw[19] == 2:  # WAL mode in the header: an in-memory copy needs rollback mode
        b = bytearray(raw)
        b[18] = b[19] = 1
        raw = bytes(b)
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(raw)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as e:
        conn.close()
        raise UserError(f"{where} is corrupt ({e})") from None
    return conn


def _is_stub(conn: sqlite3.Connection) -> bool:
    try:
        rows = conn.execute("SELECT flds FROM notes LIMIT 2").fetchall()
    except sqlite3.DatabaseError:
        return False
    return len(rows) == 1 and STUB_TEXT in str(rows[0][0]).lower()


def _read_media_map(pkg: AnkiPackage) -> None:
    z, p = pkg.zip, pkg.path
    if "media" not in z:
        return
    raw = z.read("media")
    entries: list[tuple[str, str]] = []
    if pkg.version >= LATEST_PACKAGE_VERSION and not raw.lstrip().startswith(b"{"):
        pkg.zstd_media = True
        try:
            for i, (name, _size, legacy) in enumerate(pbwire.media_entries(z.unzstd(raw, "the media map"))):
                entries.append((name, str(legacy if legacy is not None else i)))
        except pbwire.WireError as e:
            raise UserError(f"{p}: damaged media map ({e})") from None
    else:
        try:
            data = json.loads(raw.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise UserError(f"{p}: damaged media map (not JSON)") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise UserError(f"{p}: damaged media map (not a name table)")
        entries = [(name, str(member)) for member, name in data.items()]
    for name, member in entries:
        why = unsafe_name(name)
        if why:
            raise UserError(f"{p}: unsafe media name {name!r} ({why})")
        pkg.media[name] = member
