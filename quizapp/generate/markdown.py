"""Read Markdown with markdown-it-py tokens (their ``.map`` gives source lines) into sections."""

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

FRONT_RE = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?\n)\1[ \t]*\n", re.S)
FRONT_TITLE_RE = re.compile(r"^title[ \t]*[:=][ \t]*[\"']?(.*?)[\"']?[ \t]*$", re.M)


def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


def inline_text(tok, first_line: int) -> tuple[str, list[tuple[int, int]]]:
    """Plain text of an inline token (markup dropped), with (offset, line) spans at each line break."""
    parts: list[str] = []
    spans = [(0, first_line)]
    size = 0
    line = first_line
    for c in tok.children or []:
        if c.type in ("text", "code_inline"):
            parts.append(c.content)
            size += len(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            line += 1
            parts.append(" ")
            size += 1
            spans.append((size, line))
        elif c.type == "image":
            alt = "".join(x.content for x in c.children or [])
            parts.append(alt)
            size += len(alt)
    return "".join(parts), spans


def read_markdown(text: str, intro_title: str = "Introduction") -> tuple[list[Section], str | None]:
    """Sections of a Markdown document, and its title (front matter ``title`` or a single ``# heading``)."""
    title: str | None = None
    fm = FRONT_RE.match(text)
    if fm:
        mt = FRONT_TITLE_RE.search(fm.group(2))
        title = mt.group(1).strip() if mt and mt.group(1).strip() else None
        text = "\n" * fm.group(0).count("\n") + text[fm.end() :]
    tokens = _parser().parse(text)
    h1 = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"]
    first_heading = next((i for i, t in enumerate(tokens) if t.type == "heading_open"), None)
    title_at = None
    if title is None and len(h1) == 1 and h1[0] == first_heading:
        cand = tokens[h1[0] + 1].content.strip()
        if cand and not level_of(cand) and not is_boilerplate(cand):
            title, title_at = cand, h1[0]

    b = DocBuilder(title or intro_title)
    lists: list[tuple[ListBlock, list[ListBlock]]] = []  # open lists, each with nested lists to add after it
    item_parts: list[list[str]] = []
    table: Table | None = None
    row: list[str] | None = None
    row_line = 0
    in_header = False
    heading: tuple[int, int] | None = None  # (depth, line) of an open heading
    for i, t in enumerate(tokens):
        ty = t.type
        if ty == "heading_open":
            heading = (int(t.tag[1]), t.map[0] + 1 if t.map else 0)
        elif ty == "heading_close":
            heading = None
        elif ty in ("bullet_list_open", "ordered_list_open"):
            lists.append((ListBlock([], ty == "ordered_list_open", t.map[0] + 1 if t.map else 0), []))
        elif ty in ("bullet_list_close", "ordered_list_close"):
            block, nested = lists.pop()
            done = [block, *nested] if block.items else nested
            if lists:
                lists[-1][1].extend(done)
            else:
                for blk in done:
                    b.add(blk)
        elif ty == "list_item_open":
            lists[-1][0].items.append(ListItem("", t.map[0] + 1 if t.map else 0))
            item_parts.append([])
        elif ty == "list_item_close":
            parts = item_parts.pop()
            lists[-1][0].items[-1].text = " ".join(" ".join(parts).split())
            if not lists[-1][0].items[-1].text:
                lists[-1][0].items.pop()
        elif ty == "table_open":
            table = Table([], [], t.map[0] + 1 if t.map else 0)
        elif ty == "table_close":
            if table is not None and table.header:
                b.add(table)
            table = None
        elif ty == "thead_open":
            in_header = True
        elif ty == "thead_close":
            in_header = False
        elif ty == "tr_open":
            row, row_line = [], (t.map[0] + 1 if t.map else 0)
        elif ty == "tr_close" and table is not None and row is not None:
            if in_header:
                table.header = row
            else:
                table.rows.append(TableRow(row, row_line))
            row = None
        elif ty == "inline":
            line = t.map[0] + 1 if t.map else 0
            plain, spans = inline_text(t, line)
            if heading is not None:
                if i - 1 == title_at:
                    continue
                b.heading(plain, heading[0], heading[1])
            elif row is not None:
                row.append(" ".join(plain.split()))
            elif item_parts:
                item_parts[-1].append(plain)
            else:
                b.paragraph(plain, line, spans)
    return b.finish(), title
