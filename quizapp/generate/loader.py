"""Open a document file: refuse missing, unreadable, empty or binary input, pick the reader by format."""

from __future__ import annotations

import re
from pathlib import Path

from quizapp.errors import UserError
from quizapp.generate.document import Document

FORMATS = ("auto", "text", "markdown", "html")
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}
HTML_SNIFF_RE = re.compile(r"\A\s*(<!doctype html|<html\b|<head\b|<body\b|<\?xml)", re.I)
MD_SNIFF_RE = re.compile(r"^(#{1,6} \S|\|.*\|[ \t]*$|```)", re.M)
NOT_TITLES = {"introduction", "overview", "summary", "background", "abstract", "contents"}


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text of a document, or a one-line UserError for binary or other encodings."""
    if b"\x00" in raw[:8192]:
        raise UserError(f"{name}: looks like a binary file, not a text, Markdown or HTML document")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise UserError(f"{name}:{line}: not UTF-8 text (save the document as UTF-8)") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UserError(f"{name}: the document is empty")
    return text


def detect_format(path: Path, text: str, fmt: str = "auto") -> str:
    if fmt != "auto":
        return fmt
    by_ext = EXTENSIONS.get(path.suffix.lower())
    if by_ext:
        return by_ext
    if HTML_SNIFF_RE.match(text):
        return "html"
    return "markdown" if MD_SNIFF_RE.search(text[:20000]) and "∞" not in text[:20000] else "text"


def pretty_stem(path: Path) -> str:
    stem = re.sub(r"[_\s]+", " ", path.stem).strip()
    return stem[:1].upper() + stem[1:] if stem else "Document"


def parse_document(text: str, path: str = "<doc>", fmt: str = "text", title: str | None = None) -> Document:
    """Read ``text`` in ``fmt`` into a Document; the title is ``title``, else the document's own, else the name."""
    if fmt == "markdown":
        from quizapp.generate.markdown import read_markdown as reader
    elif fmt == "html":
        from quizapp.generate.html import read_html as reader
    else:
        from quizapp.generate.text import read_text as reader
    try:
        sections, own_title = reader(text)
    except (AssertionError, ValueError, RecursionError) as e:  # html.parser can assert on broken markup
        raise UserError(f"{path}: cannot read the document as {fmt}: {e or type(e).__name__}") from None
    if own_title and own_title.strip().lower() in NOT_TITLES:
        own_title = None
    if title:
        final, origin = title, "option"
    elif own_title:
        final, origin = own_title, "document"
    else:
        final, origin = pretty_stem(Path(path)), "file name"
    final = " ".join(final.replace("§", "-").split())
    if sections and sections[0].depth == 0 and sections[0].title == "Introduction" and own_title:
        sections[0].title = own_title
    return Document(path, final, origin, fmt, sections, text.split("\n"))


def load_document(path: str | Path, fmt: str = "auto", title: str | None = None) -> Document:
    """Read a document file; every failure is a one-line UserError naming the file."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise UserError(f"{name}: no such file")
    if p.is_dir():
        raise UserError(f"{name}: is a folder, not a document")
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise UserError(f"{name}: cannot read file: {e.strerror or e}") from None
    text = decode(raw, name)
    return parse_document(text, name, detect_format(p, text, fmt), title)
