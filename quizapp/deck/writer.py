"""Write decks back to the deck format (for generated and imported decks), atomically."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from quizapp.deck.models import DeckMeta, Note

FIELD_START_RE = re.compile(r"^(q|a|c|type|accept|explanation|why|source|level|tags|id|note)[ \t]*:", re.I | re.M)
SEP_OR_HEADING_RE = re.compile(r"^(-{3,}[ \t]*|#{1,6}([ \t].*)?)$", re.M)


def _toml_str(s: str) -> str:
    out = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    out = "".join(c if c >= " " or c in "\\" else f"\\u{ord(c):04x}" for c in out)
    return f'"{out}"'


def _safe(text: str) -> str:
    """Keep free text from being read as card structure: field names, separators or headings at line start."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    text = FIELD_START_RE.sub(lambda m: "\u200b" + m.group(0), text)
    text = SEP_OR_HEADING_RE.sub(lambda m: "\\" + m.group(0), text)
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def front_matter(meta: DeckMeta) -> str:
    lines = ["+++", f"id = {_toml_str(meta.id)}", f"title = {_toml_str(meta.title)}"]
    if meta.topic:
        lines.append(f"topic = {_toml_str(meta.topic)}")
    if meta.description:
        lines.append(f"description = {_toml_str(meta.description)}")
    if meta.level:
        lines.append(f"level = {_toml_str(meta.level)}")
    for s in meta.sources:
        lines += ["", "[[sources]]", f"title = {_toml_str(s.title)}"]
        if s.reference:
            lines.append(f"reference = {_toml_str(s.reference)}")
    lines.append("+++")
    return "\n".join(lines)


def note_text(n: Note, *, default_level: str | None = None) -> str:
    """One card block in the deck format."""
    out: list[str] = []
    if n.type in ("reversed", "typed") or (n.type == "basic" and STEP_LIKE(n.front)):
        out.append(f"Type: {n.type}")
    if n.type == "cloze":
        out.append(f"C: {_safe(n.text)}")
    elif n.type == "choice":
        out.append(f"Q: {_safe(n.front)}")
        out += [f"- [{'x' if o.correct else ' '}] {_one_line(o.text)}" for o in n.options]
    elif n.type == "order":
        out.append("Type: order")
        out.append(f"Q: {_safe(n.front)}")
        out += [f"{i}. {_one_line(s)}" for i, s in enumerate(n.steps, 1)]
    else:
        out.append(f"Q: {_safe(n.front)}")
        out.append(f"A: {_safe(n.back)}")
    if n.type == "typed" and n.accept:
        out.append("Accept: " + "; ".join(_one_line(a).replace(";", ",") for a in n.accept))
    if n.explanation:
        out.append(f"Explanation: {_safe(n.explanation)}")
    if n.source:
        out.append(f"Source: {_one_line(n.source)}")
    if n.level and n.level != default_level:
        out.append(f"Level: {n.level}")
    if n.tags:
        out.append("Tags: " + " ".join(n.tags))
    if n.explicit_id:
        out.append(f"ID: {n.explicit_id}")
    if n.note:
        out.append(f"Note: {_safe(n.note)}")
    return "\n".join(out)


def STEP_LIKE(text: str) -> bool:
    """A basic card whose question has numbered lines needs an explicit type, or it would read as ordering."""
    return bool(re.search(r"^[ \t]*\d+[.)][ \t]+", text, re.M))


def deck_text(meta: DeckMeta, notes: list[Note], sections: list[str] | None = None) -> str:
    """The whole deck file. ``sections`` (one per note, optional) become ``# headings`` when they change."""
    parts = [front_matter(meta), ""]
    last_section: str | None = None
    first = True
    for i, n in enumerate(notes):
        sec = sections[i] if sections else None
        if sec and sec != last_section:
            if not first or last_section is not None:
                parts.append("")
            parts += [f"# {_one_line(sec)}", ""]
            last_section = sec
            first = True
        if not first:
            parts += ["---"]
        parts.append(note_text(n, default_level=meta.level))
        first = False
    return "\n".join(parts).rstrip() + "\n"


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write to a temp file in the same folder, fsync, then rename over ``path``: never half-written."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        replace_into(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


_UMASK: list[int] = []


def replace_into(tmp: str | os.PathLike[str], path: Path) -> None:
    """Rename a finished temp file over ``path``, with the permissions a normal write would have given it.

    (A temp file is created private, 0600: a replaced file keeps its mode, a new one gets 0666 less the umask.)
    """
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        if not _UMASK:
            _UMASK.append(os.umask(0o022))
            os.umask(_UMASK[0])
        mode = 0o666 & ~_UMASK[0]
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass  # a file system without modes: keep what it gave
    os.replace(tmp, path)
