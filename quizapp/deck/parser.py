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
)

FIELD_RE = re.compile(
    r"^(q|a|c|type|accept|explanation|why|source|level|tags|id|note)[ \t]*:[ \t]?(.*)$",
    re.I,
)
SEP_RE = re.compile(r"^-{3,}[ \t]*$")
OPTION_RE = re.compile(r"^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]+(.*)$")
STEP_RE = re.compile(r"^[ \t]*(\d+)[.)][ \t]+(.*)$")
HEADING_RE = re.compile(r"^#{1,6}([ \t]|$)")
SPLIT_RE = re.compile(r"^(?:-{3,}[ \t]*|#{1,6}(?:[ \t][^\n]*)?)$", re.M)
FIELD_M_RE = re.compile(
    r"^(q|a|c|type|accept|explanation|why|source|level|tags|id|note)[ \t]*:[ \t]?",
    re.I | re.M,
)
STEP_SEARCH_RE = re.compile(r"^[ \t]*\d+[.)][ \t]+", re.M)
TAGS_SPLIT_RE = re.compile(r"[,\s]+")
TOML_LINE_RE = re.compile(r"at line (\d+)")
ALIASES = {"why": "explanation"}


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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return ParsedDeck(p, problems=[Problem(p, line, "file is not valid UTF-8")])
    return parse_text(text, p)


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
    """Split the body into card blocks at separator and heading lines, tracking line numbers."""
    text = "\n".join(lines[start:])
    line, pos = start + 1, 0
    titles = {s.title.lower() for s in result.meta.sources} if result.meta else set()
    for m in SPLIT_RE.finditer(text):
        block = text[pos : m.start()]
        if block.strip():
            _card(block, line, result, titles)
        line += text.count("\n", pos, m.end())
        pos = m.end()
    block = text[pos:]
    if block.strip():
        _card(block, line, result, titles)
    _check_duplicates(result)


def _card(block: str, first_line: int, result: ParsedDeck, titles: set[str]) -> None:
    """Read one card block (``first_line`` is the line number of the block's first line)."""
    path = result.path
    matches = list(FIELD_M_RE.finditer(block))
    pre = block[: matches[0].start()] if matches else block
    if pre.strip():
        for i, ln in enumerate(pre.split("\n")):
            if ln.strip() and not ln.lstrip().startswith("<!--"):
                result.problems.append(
                    Problem(path, first_line + i, "text outside a card field (start a card with 'Q:', 'C:' or 'Type:')")
                )
                return
    if not matches:
        return
    fields: dict[str, str] = {}
    at: dict[str, int] = {}
    for i, m in enumerate(matches):
        name = m.group(1).lower()
        name = ALIASES.get(name, name)
        lineno = first_line + block.count("\n", 0, m.start())
        if name in fields:
            result.problems.append(Problem(path, lineno, f"field '{m.group(1)}:' appears twice in one card"))
            return
        end = matches[i + 1].start() if i + 1 < len(matches) else len(block)
        fields[name] = block[m.end() : end]
        at[name] = lineno
    _build_note(fields, at, first_line + block.count("\n", 0, matches[0].start()), result, titles)


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


def _build_note(fields: dict[str, str], at: dict[str, int], start: int, result: ParsedDeck, titles: set[str]) -> None:
    path = result.path
    meta = result.meta
    assert meta is not None
    errs: list[Problem] = []

    def err(key: str, msg: str) -> None:
        errs.append(Problem(path, at.get(key, start), msg))

    q = fields.get("q", "")
    if "[" in q or STEP_SEARCH_RE.search(q):
        front_lines, options, steps = _split_question(q)
    else:
        front_lines, options, steps = [], [], []

    ctype = fields.get("type", "").strip().lower()
    if ctype:
        if ctype not in CARD_TYPES:
            err("type", f"unknown card type {ctype!r} (expected one of: {', '.join(CARD_TYPES)})")
            result.problems.extend(errs)
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
        err("", "card has no 'Q:' or 'C:' field")
        result.problems.extend(errs)
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
    back = fields.get("a", "").strip()
    text = fields.get("c", "").strip()

    if ctype == "cloze":
        if "q" in fields:
            err("q", "cloze card takes 'C:' text, not 'Q:'")
        if not text:
            err("c", "cloze card has empty text")
        elif not CLOZE_RE.search(text):
            err("c", "cloze card has no deletion (mark one with {{...}})")
        elif text.count("{{") != text.count("}}"):
            err("c", "cloze text has an unclosed '{{' or a stray '}}'")
        elif any(not m.group(2).strip() for m in CLOZE_RE.finditer(text)):
            err("c", "cloze deletion is empty")
    else:
        if "c" in fields:
            err("c", f"'C:' belongs to cloze cards, not {ctype} cards")
        if not front:
            err("q", "card has an empty question")
    if ctype in ("basic", "reversed", "typed") and not back:
        err("a", "card has an empty answer" if "a" in fields else "card has no answer ('A:')")
    if ctype == "choice":
        if len(options) < 2:
            err("q", "multiple choice needs at least two options ('- [ ] ...' lines)")
        elif not any(o.correct for o in options):
            err("q", "multiple choice has no correct option (mark one with '- [x]')")
        elif any(not o.text for o in options):
            err("q", "multiple choice has an empty option")
        texts = [o.text.lower() for o in options]
        if len(set(texts)) != len(texts):
            err("q", "multiple choice repeats an option")
    if ctype == "order" and len(steps) < 2:
        err("q", "ordering card needs at least two numbered steps")

    accept_raw = fields.get("accept", "")
    accept = [a.strip() for a in accept_raw.split(";") if a.strip()] if accept_raw else []
    if accept and ctype != "typed":
        errs.append(Problem(path, at["accept"], "'Accept:' only applies to typed cards", "warning"))

    explicit_id = fields.get("id", "").strip() or None
    if explicit_id and not ID_RE.match(explicit_id):
        err("id", f"bad id {explicit_id!r}: use letters, digits, '.', '_' and '-'")

    level = fields.get("level", "").strip().lower() or meta.level
    if level and level not in LEVELS:
        err("level", f"unknown level {level!r} (expected one of: {', '.join(LEVELS)})")
    elif not level:
        errs.append(Problem(path, start, "card has no level (set 'Level:' or the deck's level)", "warning"))

    source = fields.get("source", "").strip()
    if source and titles and "§" in source:
        doc = source.split("§", 1)[0].strip()
        if doc and doc.lower() not in titles:
            errs.append(
                Problem(path, at["source"], f"source document {doc!r} is not in the deck's [[sources]]", "warning")
            )

    if errs:
        result.problems.extend(errs)
        if any(p.severity == "error" for p in errs):
            return
    tags_raw = fields.get("tags", "")
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
            "explanation": fields.get("explanation", "").strip(),
            "source": source,
            "level": level or None,
            "tags": TAGS_SPLIT_RE.split(tags_raw.strip()) if tags_raw.strip() else [],
            "note": fields.get("note", "").strip(),
            "line": start,
            "deck_id": meta.id,
            "path": path,
            "key": "",
        },
    )
    note.key = note.content_key()
    result.notes.append(note)


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
