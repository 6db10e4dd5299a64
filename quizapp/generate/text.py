"""Read plain text shaped like the seed articles: short heading lines, pipe tables, bullets, numbered lists."""

from __future__ import annotations

import re

from quizapp.generate.document import (
    DocBuilder,
    ListBlock,
    ListItem,
    Section,
    Table,
    TableRow,
    is_boilerplate,
    level_of,
)

BULLET_RE = re.compile(r"^[ \t]*[-*+•‣◦▪][ \t]+(.*)$")
NUMBER_RE = re.compile(r"^[ \t]*(\d{1,3})[.)][ \t]+(.*)$")
MD_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
SEPARATOR_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
END_PUNCT = ".,;:!…"
SENTENCE_END = (".", "!", "?", ":", "…", '."', ".”", "!”", "?”", ".)", ".'")
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs", "with"}


def split_row(line: str) -> list[str]:
    """Cells of a pipe-table row; a leading or trailing pipe is optional."""
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [" ".join(c.split()) for c in s.split("|")]


def titleish(words: list[str]) -> bool:
    long_words = [w for w in words if len(w.strip("()’'\"")) >= 4 and w.lower() not in SMALL_WORDS]
    if not long_words:
        return bool(words) and words[0][:1].isupper()
    caps = sum(1 for w in long_words if w.strip("(\"“‘'")[:1].isupper())
    return caps / len(long_words) >= 0.6


def is_heading(line: str, prev_blank: bool, has_next: bool) -> bool:
    """A short line without closing punctuation, in title case (or set off by a blank line before it)."""
    s = line.strip()
    if not s or not has_next or len(s) > 100 or "|" in s or "∞" in s:
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "“\"'"):
        return False
    words = s.split()
    if len(words) > 12:
        return False
    if level_of(s) or is_boilerplate(s):
        return True
    if s[-1] in END_PUNCT or s.endswith(('."', ".”")):
        return False
    if s.endswith("?") and not titleish(words):
        return False
    return titleish(words) or (prev_blank and len(words) <= 8)


def _depth(title: str) -> int:
    """Plain text has no heading levels: parts (levels, boilerplate) are 1, other headings 2."""
    return 1 if level_of(title) or is_boilerplate(title) else 2


def read_text(text: str, intro_title: str = "Introduction") -> tuple[list[Section], str | None]:
    """Sections of a plain-text document, and a title if the document opens with one."""
    lines = text.split("\n")
    b = DocBuilder(intro_title)
    n = len(lines)
    title: str | None = None
    para: list[str] = []
    para_line = 0
    spans: list[tuple[int, int]] = []
    items: list[ListItem] = []
    ordered = False

    def flush_para() -> None:
        nonlocal para, spans
        if para:
            b.paragraph(" ".join(para), para_line, spans)
        para, spans = [], []

    def flush_list() -> None:
        nonlocal items
        if items:
            b.add(ListBlock(items, ordered, items[0].line))
        items = []

    def has_next(i: int) -> bool:
        return any(lines[j].strip() for j in range(i + 1, min(n, i + 40)))

    i = 0
    prev_blank = True
    seen_content = False
    while i < n:
        raw = lines[i]
        s = raw.strip()
        lineno = i + 1
        if not s:
            flush_para()
            # a list may go on after one blank line
            if items and not (i + 1 < n and _list_kind(lines[i + 1]) == ordered):
                flush_list()
            prev_blank = True
            i += 1
            continue
        if "|" in s and i + 1 < n and SEPARATOR_RE.match(lines[i + 1]) and "-" in lines[i + 1]:
            flush_para()
            flush_list()
            header = split_row(s)
            rows: list[TableRow] = []
            j = i + 2
            while j < n and "|" in lines[j] and lines[j].strip():
                rows.append(TableRow(split_row(lines[j]), j + 1))
                j += 1
            b.add(Table(header, rows, lineno))
            seen_content = True
            i, prev_blank = j, False
            continue
        kind = _list_kind(raw)
        if kind is not None:
            flush_para()
            if items and kind != ordered:
                flush_list()
            ordered = kind
            m = (NUMBER_RE if kind else BULLET_RE).match(raw)
            assert m is not None
            items.append(ListItem(" ".join(m.group(m.lastindex or 1).split()), lineno))
            seen_content = True
            i, prev_blank = i + 1, False
            continue
        if items and raw[:1] in " \t":  # an indented line continues the list item
            items[-1].text += " " + s
            i, prev_blank = i + 1, False
            continue
        flush_list()
        mh = MD_HEADING_RE.match(s)
        if mh or is_heading(s, prev_blank, has_next(i)):
            flush_para()
            heading = mh.group(2) if mh else s
            depth = len(mh.group(1)) if mh else _depth(heading)
            opening = not seen_content and title is None and not b.sections[1:]
            if opening and not level_of(heading) and not is_boilerplate(heading):
                title = heading
                b.sections[0].title = heading
                b.sections[0].line = lineno
                i, prev_blank = i + 1, False
                continue
            b.heading(heading, depth, lineno)
            i, prev_blank = i + 1, False
            continue
        if para and not para[-1].rstrip().endswith(SENTENCE_END):
            spans.append((len(" ".join(para)) + 1, lineno))
            para.append(s)
        else:
            flush_para()
            para, para_line, spans = [s], lineno, [(0, lineno)]
        seen_content = True
        i, prev_blank = i + 1, False
    flush_para()
    flush_list()
    return b.finish(), title


def _list_kind(line: str) -> bool | None:
    """True for a numbered item, False for a bullet, None otherwise (a '---' rule is no bullet)."""
    if NUMBER_RE.match(line):
        return True
    m = BULLET_RE.match(line)
    if m and m.group(1).strip() and not re.match(r"^[-*_ ]+$", line.strip()):
        return False
    return None
