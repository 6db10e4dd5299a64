"""Read a deck file into a DeckMeta and Notes, reporting every problem as file:line: message."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pydantic import ValidationError

from quizapp.deck.models import LEVELS, DeckMeta
from quizapp.deck.note_fields import build_note
from quizapp.deck.problems import ParsedDeck, Problem

__all__ = ["ParsedDeck", "Problem", "parse_bytes", "parse_file", "parse_text"]

# A newline followed by a separator or heading line (group 1) or by the start of a field (group 2): splitting
# "\n" + body on it gives [text, sep, field, text, sep, field, text, ...]. Each token holds exactly one newline
# (its first character), so line numbers are counted over the text pieces plus one per token. Starting
# with a literal newline lets the regex engine skip from line to line instead of trying every position.
TOKEN_RE = re.compile(
    r"\n(?:(-{3,}[ \t]*|#{1,6}(?:[ \t][^\n]*)?)(?=\n|\Z)"
    r"|(q|a|c|type|accept|explanation|why|source|level|tags|id|note)[ \t]*:[ \t]?)",
    re.I,
)
TOML_LINE_RE = re.compile(r"at line (\d+)")
ALIASES = {"why": "explanation"}
_NAMES: dict[str, str] = {}  # field name as written -> canonical name


def parse_file(path: str | Path) -> ParsedDeck:
    """Read and parse one deck file; unreadable files become a problem, not an exception."""
    p = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        return ParsedDeck(p, problems=[Problem(p, 1, f"cannot read file: {e.strerror or e}")])
    return parse_bytes(raw, p)


def parse_bytes(raw: bytes, path: str) -> ParsedDeck:
    """Decode (UTF-8, with or without a BOM) and parse a deck file's bytes."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return ParsedDeck(path, problems=[Problem(path, line, "file is not valid UTF-8")])
    return parse_text(text, path)


def parse_text(text: str, path: str = "<deck>") -> ParsedDeck:
    """Parse deck text. Never raises for bad input: problems are collected."""
    result = ParsedDeck(path)
    lines = _lines(text)
    body_start = _front_matter(lines, result)
    if result.meta is None:
        if body_start < len(lines):
            # Bad front matter: still report the cards' own problems, then drop them.
            result.meta = DeckMeta.model_construct(id="?", title="?", level=None, sources=[])
            _body(lines, body_start, result)
            result.meta, result.notes = None, []
        return result
    _body(lines, body_start, result)
    return result


_HEAD_LINES = 400


def _lines(text: str) -> list[str]:
    """The text's lines (any newline convention), with everything after the front matter's end possibly left
    unsplit in the last item: only the front matter is read line by line, the body is tokenized as one string.
    """
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n", _HEAD_LINES)
    if len(lines) > _HEAD_LINES:
        head = lines[:-1]
        marks = [i for i, ln in enumerate(head) if ln.strip() == "+++"]
        if len(marks) < 2 or any(ln.strip() for ln in head[: marks[0]]):  # front matter not wholly in the head
            lines = text.split("\n")
    return lines


def _front_matter(lines: list[str], result: ParsedDeck) -> int:
    path = result.path
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first >= len(lines) or lines[first].strip() != "+++":
        result.problems.append(
            Problem(path, first + 1 if first < len(lines) else 1, "deck must start with '+++' front matter")
        )
        return len(lines)
    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "+++"), None)
    if end is None:
        result.problems.append(Problem(path, first + 1, "front matter is not closed with '+++'"))
        return len(lines)
    src = "\n".join(lines[first + 1 : end]) + "\n"
    try:
        data = tomllib.loads(src)
    except tomllib.TOMLDecodeError as e:
        m = TOML_LINE_RE.search(str(e))
        line = first + 1 + (int(m.group(1)) if m else end - first - 1)
        msg = str(e).split(" (at ")[0]
        result.problems.append(Problem(path, line, f"bad front matter: {msg}"))
        return end + 1
    try:
        result.meta = DeckMeta.model_validate(data)
    except ValidationError as e:
        result.meta = None
        for err in e.errors():
            key = str(err["loc"][0]) if err["loc"] else ""
            line = _key_line(lines, first, end, key)
            loc = ".".join(str(x) for x in err["loc"])
            msg = err["msg"]
            if err["type"] == "missing":
                msg = f"front matter needs '{loc}'"
            elif err["type"] == "extra_forbidden":
                msg = f"unknown front matter key '{loc}'"
            elif err["type"] == "literal_error" and key == "level":
                msg = f"unknown level {data.get('level')!r} (expected one of: {', '.join(LEVELS)})"
            else:
                msg = f"front matter '{loc}': {msg}"
            result.problems.append(Problem(path, line, msg))
    return end + 1


def _key_line(lines: list[str], first: int, end: int, key: str) -> int:
    if key:
        pat = re.compile(rf"^\s*(\[\[?)?\s*{re.escape(key)}\b")
        for i in range(first + 1, end):
            if pat.match(lines[i]):
                return i + 1
    return first + 1


def _body(lines: list[str], start: int, result: ParsedDeck) -> None:
    """Read the card blocks in one pass over the body's separator, heading and field lines."""
    parts = TOKEN_RE.split("\n" + "\n".join(lines[start:]))
    titles = {s.title.lower() for s in result.meta.sources} if result.meta else set()
    path = result.path
    problems = result.problems
    names = _NAMES
    block_line = start  # the line the current block's text starts on (its first piece is the rest of that line)
    pre = parts[0]  # the block's text before its first field
    fields: dict[str, str] = {}
    at: dict[str, int] = {}
    bad = False
    line = start + pre.count("\n") + 1  # the line of the next token
    for raw, seg in zip(parts[2::3], parts[3::3]):  # (parts[1::3] holds the separators)
        if raw is not None:  # a field
            if bad:
                pass
            elif fields:
                name = names.get(raw) or _name(raw)
                if name in fields:
                    problems.append(Problem(path, line, f"field '{raw}:' appears twice in one card"))
                    bad = True
                else:
                    fields[name] = seg
                    at[name] = line
            elif pre and not pre.isspace() and _outside(pre, block_line, path, problems):
                bad = True
            else:
                name = names.get(raw) or _name(raw)
                fields[name] = seg
                at[name] = line
        else:  # a separator or heading ends the block
            if not bad:
                _end_block(fields, at, pre, block_line, result, titles)
            block_line, pre, fields, at, bad = line, seg, {}, {}, False
        line += seg.count("\n") + 1
    if not bad:
        _end_block(fields, at, pre, block_line, result, titles)
    _check_duplicates(result)


def _end_block(fields: dict[str, str], at: dict[str, int], pre: str, line: int, result: ParsedDeck, titles) -> None:
    """A block without problems so far: a card if it has fields, else (comments aside) stray text."""
    if fields:
        build_note(fields, at, result, titles)
    else:
        _outside(pre, line, result.path, result.problems)


def _name(raw: str) -> str:
    name = raw.lower()
    name = ALIASES.get(name, name)
    if len(_NAMES) < 512:
        _NAMES[raw] = name
    return name


def _outside(pre: str, first_line: int, path: str, problems: list[Problem]) -> bool:
    """Report text before a block's first field (comments aside); True if there was some."""
    if not pre.strip():
        return False
    for i, ln in enumerate(pre.split("\n")):
        if ln.strip() and not ln.lstrip().startswith("<!--"):
            problems.append(
                Problem(path, first_line + i, "text outside a card field (start a card with 'Q:', 'C:' or 'Type:')")
            )
            return True
    return False


def _check_duplicates(result: ParsedDeck) -> None:
    seen_ids: dict[str, int] = {}
    seen_keys: dict[str, int] = {}
    for n in result.notes:
        if n.explicit_id:
            if n.explicit_id in seen_ids:
                result.problems.append(
                    Problem(
                        result.path,
                        n.line,
                        f"duplicate id {n.explicit_id!r} (first used at line {seen_ids[n.explicit_id]})",
                    )
                )
            else:
                seen_ids[n.explicit_id] = n.line
        key = n.key
        if key in seen_keys:
            result.problems.append(
                Problem(result.path, n.line, f"card repeats the card at line {seen_keys[key]}", "warning")
            )
        else:
            seen_keys[key] = n.line
