"""Read HTML with the standard library's html.parser into sections (headings, paragraphs, lists, tables)."""

from __future__ import annotations

from html.parser import HTMLParser

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

SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "footer", "button", "select", "textarea", "head"}
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "aside", "blockquote", "pre", "figure", "figcaption",
    "address", "hr", "br", "body", "html", "caption", "summary", "details",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Reader(HTMLParser):
    def __init__(self, intro_title: str) -> None:
        super().__init__(convert_charrefs=True)
        self.b = DocBuilder(intro_title)
        self.skip: list[str] = []
        self.title_parts: list[str] = []
        self.in_title = False
        self.buf: list[tuple[str, int]] = []
        self.heading: int | None = None
        self.heading_line = 0
        self.h1s: list[tuple[str, int]] = []
        self.lists: list[tuple[ListBlock, list[ListBlock]]] = []
        self.item: list[str] | None = None
        self.dl: ListBlock | None = None
        self.dt: str | None = None
        self.dl_part: str | None = None  # "dt" or "dd" while inside one
        self.dl_line = 0
        self.table: Table | None = None
        self.row: list[str] | None = None
        self.row_line = 0
        self.row_is_header = False
        self.cell: list[str] | None = None

    # -- text collection -------------------------------------------------
    def _take(self) -> tuple[str, int, list[tuple[int, int]]]:
        """The buffered text, collapsed to single spaces, with its first line and (offset, line) spans."""
        out: list[str] = []
        spans: list[tuple[int, int]] = []
        size = 0
        for piece, line in self.buf:
            words = piece.split()
            if not words:
                continue
            chunk = " ".join(words)
            if out:
                size += 1
            if not spans or spans[-1][1] != line:
                spans.append((size, line))
            out.append(chunk)
            size += len(chunk)
        first = spans[0][1] if spans else self.getpos()[0]
        self.buf = []
        return " ".join(out), first, spans

    def _flush(self) -> None:
        if not self.buf:
            return
        if self.cell is not None:
            self.cell.append(self._take()[0])
        elif self.dl_part is not None:
            text = self._take()[0]
            if self.dl_part == "dt":
                self.dt = ((self.dt or "") + " " + text).strip()
            elif self.dl is not None and self.dt and text:
                self.dl.items.append(ListItem(f"{self.dt}: {text}", self.dl_line))
                self.dt = None
        elif self.item is not None:
            self.item.append(self._take()[0])
        elif self.heading is not None:
            pass  # headings flush at their end tag
        else:
            text, line, spans = self._take()
            self.b.paragraph(text, line, spans)

    # -- parser callbacks ------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
            return
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.append(tag)
            return
        if tag in SKIP_TAGS:
            self._flush()
            self.skip.append(tag)
            return
        line = self.getpos()[0]
        if tag in HEADINGS:
            self._flush()
            self.heading, self.heading_line = int(tag[1]), line
        elif tag in ("ul", "ol"):
            self._end_item()
            self._flush()
            self.lists.append((ListBlock([], tag == "ol", line), []))
        elif tag == "li":
            self._end_item()
            self._flush()
            if self.lists:
                self.lists[-1][0].items.append(ListItem("", line))
                self.item = []
        elif tag == "dl":
            self._flush()
            self.dl, self.dl_line = ListBlock([], False, line), line
        elif tag in ("dt", "dd"):
            self._flush()
            self.dl_part = tag
            if tag == "dt":
                self.dl_line = line
        elif tag == "table":
            self._flush()
            self.table = Table([], [], line)
        elif tag == "tr":
            self._end_row()
            self.row, self.row_line, self.row_is_header = [], line, True
        elif tag in ("td", "th"):
            self._end_cell()
            self.cell = []
            if tag == "td":
                self.row_is_header = False
        elif tag == "br":
            self.buf.append((" ", line))
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in HEADINGS and self.heading is not None:
            text, _line, _ = self._take()
            if text:
                if self.heading == 1:
                    self.h1s.append((text, self.heading_line))
                self.b.heading(text, self.heading, self.heading_line)
            self.heading = None
        elif tag == "li":
            self._end_item()
        elif tag in ("ul", "ol") and self.lists:
            self._end_item()
            block, nested = self.lists.pop()
            done = [block, *nested] if block.items else nested
            if self.lists:
                self.lists[-1][1].extend(done)
            else:
                for blk in done:
                    self.b.add(blk)
        elif tag in ("dt", "dd"):
            self._flush()
            self.dl_part = None
        elif tag == "dl" and self.dl is not None:
            self._flush()
            if self.dl.items:
                self.b.add(self.dl)
            self.dl, self.dl_part = None, None
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and self.table is not None:
            self._end_row()
            t = self.table
            self.table = None
            if t.header and t.rows:
                self.b.add(t)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip:
            return
        line = self.getpos()[0]
        for k, piece in enumerate(data.split("\n")):
            self.buf.append((piece, line + k))

    # -- helpers ---------------------------------------------------------
    def _end_item(self) -> None:
        if self.item is None or not self.lists:
            return
        self._flush()
        items = self.lists[-1][0].items
        items[-1].text = " ".join(" ".join(self.item).split())
        if not items[-1].text:
            items.pop()
        self.item = None

    def _end_cell(self) -> None:
        if self.cell is None:
            return
        self._flush()
        if self.row is not None:
            self.row.append(" ".join(" ".join(self.cell).split()))
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is None or self.table is None:
            self.row = None
            return
        if any(self.row):
            if not self.table.header and (self.row_is_header or not self.table.rows):
                self.table.header = self.row
            else:
                self.table.rows.append(TableRow(self.row, self.row_line))
        self.row = None

    def finish(self) -> tuple[list[Section], str | None]:
        self._end_item()
        self._flush()
        title = " ".join("".join(self.title_parts).split()) or None
        if title is None and len(self.h1s) == 1:
            cand = self.h1s[0][0]
            if not level_of(cand) and not is_boilerplate(cand):
                title = cand
        return self.b.finish(), title


def read_html(text: str, intro_title: str = "Introduction") -> tuple[list[Section], str | None]:
    """Sections of an HTML document and its ``<title>`` (or its one ``<h1>``)."""
    r = _Reader(intro_title)
    r.feed(text)
    r.close()
    return r.finish()
