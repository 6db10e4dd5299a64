"""The common structure every reader produces: sections of paragraphs, lists and tables, with source lines."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

LEVEL_WORDS: dict[str, str] = {
    "fundamental": "fundamentals",
    "fundamentals": "fundamentals",
    "basic": "fundamentals",
    "basics": "fundamentals",
    "beginner": "fundamentals",
    "beginners": "fundamentals",
    "intermediate": "intermediate",
    "academic": "academic",
    "advanced": "academic",
}
BOILERPLATE_RE = re.compile(
    r"^(references?|bibliography|works cited|citations?|sources?|further reading|reflections?|"
    r"acknowledge?ments?|about the authors?|disclaimers?|disclosures?|footnotes?|endnotes|notes|see also|"
    r"related (articles?|posts?|reading)|(table of )?contents|copyright|licen[cs]e|conflicts? of interest|"
    r"funding|author information)$"
)
WORD_RE = re.compile(r"[A-Za-z]+")


@dataclass(slots=True)
class Paragraph:
    """Running text; ``spans`` maps character offsets to source lines (for wrapped text)."""

    text: str
    line: int
    spans: list[tuple[int, int]] = field(default_factory=list)  # (offset, line), offsets ascending

    def line_at(self, offset: int) -> int:
        if not self.spans:
            return self.line
        i = bisect.bisect_right([s[0] for s in self.spans], offset) - 1
        return self.spans[max(i, 0)][1]


@dataclass(slots=True)
class ListItem:
    text: str
    line: int


@dataclass(slots=True)
class ListBlock:
    """A bullet list (``ordered`` False) or a numbered list."""

    items: list[ListItem]
    ordered: bool
    line: int


@dataclass(slots=True)
class TableRow:
    cells: list[str]
    line: int


@dataclass(slots=True)
class Table:
    header: list[str]
    rows: list[TableRow]
    line: int


Block = Paragraph | ListBlock | Table


@dataclass(slots=True)
class Section:
    """Everything under one heading, down to the next heading."""

    title: str
    depth: int
    line: int
    blocks: list[Block] = field(default_factory=list)
    level: str | None = None
    skip: str = ""  # why the section is left out ("" = used)
    index: int = 0


@dataclass
class Document:
    """One input document, read into sections."""

    path: str
    title: str
    title_from: str  # "document", "file name" or "option"
    format: str
    sections: list[Section]
    lines: list[str]
    cache: dict = field(default_factory=dict, repr=False)  # results computed once per document

    def source_line(self, line: int) -> str:
        """The document's own text at ``line`` (1-based), stripped."""
        return self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""


def level_of(heading: str) -> str | None:
    """A level named by a short heading ("Fundamentals", "Advanced topics"), else None."""
    words = WORD_RE.findall(heading.lower())
    if not words or len(words) > 4:
        return None
    return LEVEL_WORDS.get(words[0])


def is_boilerplate(heading: str) -> bool:
    return bool(BOILERPLATE_RE.match(" ".join(WORD_RE.findall(heading.lower()))))


class DocBuilder:
    """Collects headings and blocks from a reader and assigns levels and skips by heading nesting."""

    def __init__(self, intro_title: str = "Introduction") -> None:
        self.sections: list[Section] = [Section(intro_title, 0, 1)]
        self._stack: list[Section] = []

    @property
    def current(self) -> Section:
        return self.sections[-1]

    def heading(self, text: str, depth: int, line: int) -> None:
        text = " ".join(text.split())
        while self._stack and self._stack[-1].depth >= depth:
            self._stack.pop()
        parent = self._stack[-1] if self._stack else None
        sec = Section(text, depth, line, index=len(self.sections))
        sec.level = level_of(text) or (parent.level if parent else None)
        if is_boilerplate(text):
            sec.skip = f"boilerplate section ({text})"
        elif parent and parent.skip:
            sec.skip = f"inside boilerplate section ({parent.title})"
        self._stack.append(sec)
        self.sections.append(sec)

    def add(self, block: Block) -> None:
        self.current.blocks.append(block)

    def paragraph(self, text: str, line: int, spans: list[tuple[int, int]] | None = None) -> None:
        text = text.strip()
        if text:
            self.add(Paragraph(text, line, spans or [(0, line)]))

    def finish(self) -> list[Section]:
        """Sections with content (the untitled opening only if it holds something)."""
        out = [s for s in self.sections if s.blocks or s.depth > 0]
        for i, s in enumerate(out):
            s.index = i
        return out
