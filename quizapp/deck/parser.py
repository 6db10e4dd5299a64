"""Read a deck file into a DeckMeta and Notes, reporting every problem as file:line: message."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from quizapp.deck.models import (
    CARD_TYPES,
    CLOZE_RE,
    ID_RE,
    LEVELS,
    DeckMeta,
    Note,
    Option,
    fast_model,
    fingerprint,
)

FIELD_RE = re.compile(
    r"^(q|a|c|type|accept|explanation|why|source|level|tags|id|note)[ \t]*:[ \t]?(.*)$",
    re.I,
)
SEP_RE = re.compile(r"^-{3,}[ \t]*$")
OPTION_RE = re.compile(r"^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]+(.*)$")
STEP_RE = re.compile(r"^[ \t]*(\d+)[.)][ \t]+(.*)$")
HEADING_RE = re.compile(r"^#{1,6}([ \t]|$)")
# A newline followed by a separator or heading line (group 1) or by the start of a field (group 2): splitting
# "\n" + body on it gives [text, sep, field, text, sep, field, text, ...]. Each token holds exactly one newline
# (its first character), so line numbers are counted over the text pieces plus one per token. Starting
# with a literal newline lets the regex engine skip from line to line instead of trying every position.
TOKEN_RE = re.compile(
    r"\n(?:(-{3,}[ \t]*|#{1,6}(?:[ \t][^\n]*)?)(?=\n|\Z)"
    r"|(q|a|c|type|accept|explanation|why|source|level|tags|id|note)[ \t]*:[ \t]?)",
    re.I,
)
STEP_SEARCH_RE = re.compile(r"^[ \t]*\d+[.)][ \t]+", re.M)
TOML_LINE_RE = re.compile(r"at line (\d+)")
ALIASES = {"why": "explanation"}
_NAMES: dict[str, str] = {}  # field name as written -> canonical name


@dataclass(order=True)
class Problem:
    """One problem found in a deck file."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.path}:{self.line}: {tag}{self.message}"


@dataclass
class ParsedDeck:
    """The result of reading one deck file."""

    path: str
    meta: DeckMeta | None = None
    notes: list[Note] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.meta is not None and not self.errors


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
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
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
        _build_note(fields, at, result, titles)
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


def _split_question(q: str) -> tuple[list[str], list[Option], list[str]]:
    """Separate option lines and numbered steps from the question's own lines."""
    options: list[Option] = []
    steps: list[str] = []
    front_lines: list[str] = []
    for ln in q.split("\n"):
        om = OPTION_RE.match(ln)
        if om:
            options.append(fast_model(Option, {"text": om.group(2).strip(), "correct": om.group(1) != " "}))
            continue
        sm = STEP_RE.match(ln)
        if sm:
            steps.append(sm.group(2).strip())
        front_lines.append(ln)
    return front_lines, options, steps


def _build_note(fields: dict[str, str], at: dict[str, int], result: ParsedDeck, titles: set[str]) -> None:
    """Check one card's fields and add its Note (the sync's hot loop: errors are built only when found)."""
    path = result.path
    meta = result.meta
    assert meta is not None
    start = next(iter(at.values()))  # the line of the card's first field
    errs: list[Problem] = []  # errors and warnings, in the order they are found
    bad = False
    get = fields.get

    q = get("q", "")
    if "[" in q or (("\n" in q or q.lstrip(" \t")[:1].isdigit()) and STEP_SEARCH_RE.search(q)):
        front_lines, options, steps = _split_question(q)
    else:
        front_lines, options, steps = [], [], []

    ctype = get("type")
    if ctype is not None:
        ctype = ctype.strip().lower()
    if ctype:
        if ctype not in CARD_TYPES:
            msg = f"unknown card type {ctype!r} (expected one of: {', '.join(CARD_TYPES)})"
            result.problems.append(Problem(path, at["type"], msg))
            return
    elif "c" in fields:
        ctype = "cloze"
    elif options:
        ctype = "choice"
    elif steps and "a" not in fields:
        ctype = "order"
    elif "q" in fields:
        ctype = "basic"
    else:
        result.problems.append(Problem(path, start, "card has no 'Q:' or 'C:' field"))
        return

    if ctype == "choice":
        front = "\n".join(front_lines).strip()
    elif ctype == "order":
        front = "\n".join(ln for ln in front_lines if not STEP_RE.match(ln)).strip()
        if not steps and "a" in fields:
            steps = [m.group(2).strip() for ln in fields["a"].split("\n") if (m := STEP_RE.match(ln))]
    else:
        front = q.strip()
        options = []
    back = get("a", "").strip()
    text = get("c", "").strip()

    if ctype == "cloze":
        if "q" in fields:
            bad = _err(errs, path, at.get("q", start), "cloze card takes 'C:' text, not 'Q:'")
        if not text:
            bad = _err(errs, path, at.get("c", start), "cloze card has empty text")
        elif "{{" not in text or not CLOZE_RE.search(text):
            bad = _err(errs, path, at.get("c", start), "cloze card has no deletion (mark one with {{...}})")
        elif text.count("{{") != text.count("}}"):
            bad = _err(errs, path, at.get("c", start), "cloze text has an unclosed '{{' or a stray '}}'")
        elif any(not m.group(2).strip() for m in CLOZE_RE.finditer(text)):
            bad = _err(errs, path, at.get("c", start), "cloze deletion is empty")
    else:
        if "c" in fields:
            bad = _err(errs, path, at.get("c", start), f"'C:' belongs to cloze cards, not {ctype} cards")
        if not front:
            bad = _err(errs, path, at.get("q", start), "card has an empty question")
        if not back and ctype in ("basic", "reversed", "typed"):
            bad = _err(
                errs,
                path,
                at.get("a", start),
                "card has an empty answer" if "a" in fields else "card has no answer ('A:')",
            )
        elif ctype == "choice":
            if len(options) < 2:
                bad = _err(
                    errs, path, at.get("q", start), "multiple choice needs at least two options ('- [ ] ...' lines)"
                )
            elif not any(o.correct for o in options):
                bad = _err(
                    errs, path, at.get("q", start), "multiple choice has no correct option (mark one with '- [x]')"
                )
            elif any(not o.text for o in options):
                bad = _err(errs, path, at.get("q", start), "multiple choice has an empty option")
            texts = [o.text.lower() for o in options]
            if len(set(texts)) != len(texts):
                bad = _err(errs, path, at.get("q", start), "multiple choice repeats an option")
        elif ctype == "order" and len(steps) < 2:
            bad = _err(errs, path, at.get("q", start), "ordering card needs at least two numbered steps")

    accept_raw = get("accept")
    accept = [a.strip() for a in accept_raw.split(";") if a.strip()] if accept_raw else []
    if accept and ctype != "typed":
        errs.append(Problem(path, at["accept"], "'Accept:' only applies to typed cards", "warning"))

    explicit_id = get("id")
    if explicit_id is not None:
        explicit_id = explicit_id.strip() or None
        if explicit_id and not ID_RE.match(explicit_id):
            bad = _err(
                errs, path, at.get("id", start), f"bad id {explicit_id!r}: use letters, digits, '.', '_' and '-'"
            )

    level = get("level")
    level = (level.strip().lower() if level is not None else "") or meta.level
    if level:
        if level not in LEVELS:
            bad = _err(
                errs, path, at.get("level", start), f"unknown level {level!r} (expected one of: {', '.join(LEVELS)})"
            )
    else:
        errs.append(Problem(path, start, "card has no level (set 'Level:' or the deck's level)", "warning"))

    source = get("source")
    source = source.strip() if source is not None else ""
    if source and titles and "§" in source:
        doc = source.split("§", 1)[0].strip()
        if doc and doc.lower() not in titles:
            errs.append(
                Problem(path, at["source"], f"source document {doc!r} is not in the deck's [[sources]]", "warning")
            )

    if errs:
        result.problems.extend(errs)
        if bad:
            return
    if ctype == "cloze":
        key = fingerprint(ctype, text)
    elif ctype == "choice":
        key = fingerprint(ctype, front + "\x1f" + "\x1f".join(o.text for o in options))
    elif ctype == "order":
        key = fingerprint(ctype, front + "\x1f" + "\x1f".join(steps))
    else:
        key = fingerprint(ctype, front + "\x1f" + back)  # = Note.content_key(), without a model to call it on
    tags = get("tags")
    explanation = get("explanation")
    note_text = get("note")
    note = fast_model(
        Note,
        {
            "type": ctype,
            "explicit_id": explicit_id,
            "front": front,
            "back": back,
            "text": text,
            "options": options,
            "steps": steps,
            "accept": accept,
            "explanation": explanation.strip() if explanation is not None else "",
            "source": source,
            "level": level or None,
            "tags": tags.replace(",", " ").split() if tags is not None else [],
            "note": note_text.strip() if note_text is not None else "",
            "line": start,
            "deck_id": meta.id,
            "path": path,
            "key": key,
        },
    )
    result.notes.append(note)


def _err(errs: list[Problem], path: str, line: int, msg: str) -> bool:
    errs.append(Problem(path, line, msg))
    return True


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
