"""Read Anki's text import format: '#key:value' header directives, then CSV/TSV rows (or a plain two-column file)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.errors import UserError

SEPARATORS = {"comma": ",", "semicolon": ";", "tab": "\t", "space": " ", "pipe": "|", "colon": ":"}
SEPARATOR_NAMES = {v: k for k, v in SEPARATORS.items()}
GUESS_ORDER = ("\t", "|", ";", ",")  # like Anki, but colon and space are too common in card text
SPECIAL = ("guid", "notetype", "deck", "tags")


@dataclass
class TextRow:
    """One note from a text file: where it is and what it holds."""

    line: int
    fields: list[str]
    notetype: str
    deck: str
    tags: list[str]
    guid: str | None = None


@dataclass
class TextFile:
    path: Path
    separator: str
    html: bool | None  # None: not stated (guess from the content)
    notetype: str
    deck: str
    columns: list[str] = field(default_factory=list)
    rows: list[TextRow] = field(default_factory=list)


def _separator(value: str, where: str) -> str:
    v = value.strip()
    if v.lower() in SEPARATORS:
        return SEPARATORS[v.lower()]
    if len(value) == 1:
        return value
    if v == "\\t":
        return "\t"
    raise UserError(f"{where}: unknown separator {value!r} (use Comma, Semicolon, Tab, Space, Pipe or Colon)")


def _column(value: str, where: str) -> int:
    try:
        n = int(value.strip())
    except ValueError:
        n = 0
    if n < 1:
        raise UserError(f"{where}: a column number must be 1 or more, not {value.strip()!r}")
    return n


def read_text_file(path: str | Path) -> TextFile:
    """Parse ``path``; bad input is a ``UserError`` as ``file:line: message``."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise UserError(f"{p}: cannot read: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise UserError(f"{p}:{line}: file is not valid UTF-8") from None
    lines = text.splitlines(keepends=True)
    head: dict[str, tuple[str, int]] = {}
    n_head = 0
    for i, ln in enumerate(lines):
        if not ln.startswith("#"):
            break
        n_head = i + 1
        key, sep, value = ln[1:].rstrip("\r\n").partition(":")
        if sep:
            head[key.strip().lower()] = (value, i + 1)
    body = "".join(lines[n_head:])

    def where(key: str) -> str:
        return f"{p}:{head[key][1]}"

    if "separator" in head:
        sep = _separator(head["separator"][0], where("separator"))
    else:
        first = next((ln for ln in lines[n_head:] if ln.strip()), "")
        sep = next((s for s in GUESS_ORDER if s in first), "\t" if p.suffix.lower() in (".tsv", ".txt") else ",")
    html: bool | None = None
    if "html" in head:
        v = head["html"][0].strip().lower()
        if v not in ("true", "false"):
            raise UserError(f"{where('html')}: '#html:' takes true or false, not {v!r}")
        html = v == "true"
    tf = TextFile(
        p,
        sep,
        html,
        notetype=head.get("notetype", ("Basic", 0))[0].strip() or "Basic",
        deck=head.get("deck", (p.stem, 0))[0].strip() or p.stem,
    )
    global_tags = head.get("tags", ("", 0))[0].split()
    cols: dict[str, int] = {}
    if "columns" in head:
        tf.columns = [c.strip() for c in head["columns"][0].split(sep)]
        for i, name in enumerate(tf.columns):
            if name.lower() in SPECIAL and name.lower() not in cols:
                cols[name.lower()] = i
    for key in SPECIAL:
        if f"{key} column" in head:
            cols[key] = _column(head[f"{key} column"][0], where(f"{key} column")) - 1
    _read_rows(tf, body, n_head, cols, global_tags)
    return tf


def _read_rows(tf: TextFile, body: str, offset: int, cols: dict[str, int], global_tags: list[str]) -> None:
    p = tf.path
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=tf.separator, quotechar='"', strict=False)
    expected = len(tf.columns) or None
    special = set(cols.values())
    prev_end = 0
    try:
        for row in reader:
            start = offset + prev_end + 1
            prev_end = reader.line_num
            if not row or all(not c.strip() for c in row):
                continue
            if expected is None:
                expected = len(row)
                if max(special, default=-1) >= expected:
                    raise UserError(f"{p}:{start}: a '#... column:' header points past the {expected} column(s)")
            if len(row) != expected:
                name = SEPARATOR_NAMES.get(tf.separator, repr(tf.separator))
                raise UserError(f"{p}:{start}: expected {expected} columns separated by {name}, found {len(row)}")
            fields = [c for i, c in enumerate(row) if i not in special]
            tags = list(global_tags)
            if "tags" in cols:
                tags += row[cols["tags"]].split()
            tf.rows.append(
                TextRow(
                    line=start,
                    fields=fields,
                    notetype=(row[cols["notetype"]].strip() if "notetype" in cols else "") or tf.notetype,
                    deck=(row[cols["deck"]].strip() if "deck" in cols else "") or tf.deck,
                    tags=tags,
                    guid=(row[cols["guid"]].strip() if "guid" in cols else "") or None,
                )
            )
    except csv.Error as e:
        raise UserError(f"{p}:{offset + reader.line_num}: {e}") from None
    if not tf.rows:
        raise UserError(f"{p}:{offset + 1}: no notes in the file")
