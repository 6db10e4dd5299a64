"""Anki field HTML -> Markdown (or plain text) with the standard library's HTML parser; images become references."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

BLOCK = {"div", "p", "li", "tr", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl"}
SKIP = {"script", "style", "head", "title", "template"}
BOLD = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6"}
ITALIC = {"i", "em"}
MD_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_"})
WS = " \t\n\r\f\v"


def md_escape(s: str) -> str:
    """Text that Markdown shows as is: escape emphasis/code marks, and '<' that could start a tag."""
    s = s.translate(MD_ESCAPE)
    if "<" not in s:
        return s
    out = []
    pos = 0
    while (k := s.find("<", pos)) >= 0:
        nxt = s[k + 1 : k + 2]
        out.append(s[pos:k])
        out.append("\\<" if nxt and (nxt.isalpha() or nxt in "/!?") else "<")
        pos = k + 1
    out.append(s[pos:])
    return "".join(out)


# media name -> the path to write in a reference (None: not available, keep the alt text)
MediaFn = Callable[[str], str | None]


class _Converter(HTMLParser):
    def __init__(self, plain: bool, media: MediaFn | None) -> None:
        super().__init__(convert_charrefs=True)
        self.plain = plain
        self.media = media
        self.lines: list[tuple[str, bool]] = []  # (text, is_list_item)
        self.cur: list[str] = []
        self.cur_item = False
        self.markers: list[str] = []  # open inline markers, outermost first
        self.shown: list[str] = []  # markers already written on the current line
        self.skip = 0
        self.lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self.links: list[str | None] = []
        self.used: list[str] = []

    # -- output helpers ---------------------------------------------------
    def _line_text(self) -> str:
        return "".join(self.cur)

    def _end_line(self, force: bool = False) -> None:
        self._close_shown()
        text = self._line_text().rstrip(WS)
        if text or force:
            self.lines.append((text, self.cur_item))
        self.cur = []
        self.cur_item = False

    def _close_shown(self) -> None:
        if not self.shown:
            return
        text = self._line_text()
        trail = text[len(text.rstrip(WS)) :]
        self.cur = [text.rstrip(WS)] if trail else self.cur
        for m in reversed(self.shown):
            self.cur.append(m)
        if trail:
            self.cur.append(" ")
        self.shown = []

    def _emit(self, s: str) -> None:
        """Emit inline text (already escaped), opening pending markers after any leading space."""
        if not s:
            return
        if not self.cur:
            s = s.lstrip(WS)
            if not s:
                return
        elif self._line_text().endswith(" ") and s[0] == " ":
            s = s.lstrip(" ")
            if not s:
                return
        pending = self.markers[len(self.shown) :]
        if pending:
            lead = s[: len(s) - len(s.lstrip(" "))]
            self.cur.append(lead)
            s = s[len(lead) :]
            if not s:
                return
            self.cur.extend(pending)
            self.shown.extend(pending)
        self.cur.append(s)

    def _push(self, marker: str) -> None:
        if self.plain or marker in self.markers:
            self.markers.append("")
        else:
            self.markers.append(marker)

    def _pop(self, marker: str) -> None:
        if not self.markers:
            return
        m = self.markers.pop()
        if not m:
            return
        if self.shown and self.shown[-1] == m and len(self.shown) > len(self.markers):
            text = self._line_text()
            if text.endswith(m):  # nothing inside: drop the pair
                self.cur = [text[: -len(m)]]
            else:
                stripped = text.rstrip(WS)
                self.cur = [stripped, m] + ([" "] if stripped != text else [])
            self.shown.pop()

    # -- parser callbacks -------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        a = {k: (v or "") for k, v in attrs}
        if tag == "br":
            self._end_line(force=not self.cur)
        elif tag == "img":
            self._image(a.get("src", ""), a.get("alt", ""))
        elif tag == "hr":
            self._end_line()
            self.lines.append(("" if self.plain else "***", False))
        elif tag in ("ul", "ol"):
            self._end_line()
            self.lists.append([1] if tag == "ol" else [])
        elif tag == "li":
            self._end_line()
            depth = max(len(self.lists) - 1, 0)
            if self.lists and self.lists[-1]:
                bullet = f"{self.lists[-1][0]}. "
                self.lists[-1][0] += 1
            else:
                bullet = "- "
            self.cur = ["  " * depth + bullet]
            self.cur_item = True
        elif tag in BLOCK:
            self._end_line()
            if tag in BOLD:
                self._push("**")
        elif tag in ("td", "th"):
            if self._line_text().strip():
                self._emit(" | ")
            if tag == "th":
                self._push("**")
        elif tag in BOLD:
            self._push("**")
        elif tag in ITALIC:
            self._push("*")
        elif tag == "code":
            self._push("`")
        elif tag == "sup":
            self._emit("^")
        elif tag == "a":
            href = a.get("href", "")
            ok = href.startswith(("http://", "https://", "mailto:")) and not self.plain
            self.links.append(href if ok else None)
            if ok:
                self._emit("[")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip = max(self.skip - 1, 0)
            return
        if self.skip:
            return
        if tag in ("ul", "ol"):
            self._end_line()
            if self.lists:
                self.lists.pop()
        elif tag in BLOCK:
            if tag in BOLD:
                self._pop("**")
            self._end_line()
        elif tag == "th" or tag in BOLD:
            self._pop("**")
        elif tag in ITALIC:
            self._pop("*")
        elif tag == "code":
            self._pop("`")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                if self._line_text().endswith("["):
                    self.cur[-1] = self.cur[-1][:-1] if self.cur[-1].endswith("[") else self.cur[-1]
                    self._emit(f"<{href}>")
                else:
                    self._emit(f"]({href})")

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = data.replace("\xa0", " ")
        core = " ".join(data.split())
        if not core:
            data = " " if data else ""
        else:
            data = (" " if data[0] in WS else "") + core + (" " if data[-1] in WS else "")
        pos = 0
        while True:  # Anki's [sound:file] references
            i = data.find("[sound:", pos)
            j = data.find("]", i) if i >= 0 else -1
            if i < 0 or j < 0:
                break
            self._emit(self._escape(data[pos:i]))
            self._sound(data[i + 7 : j].strip())
            pos = j + 1
        self._emit(self._escape(data[pos:]))

    def _escape(self, s: str) -> str:
        return s if self.plain else md_escape(s)

    def _image(self, src: str, alt: str) -> None:
        if self.plain:
            if alt:
                self._emit(alt)
            return
        ref = self._media(src)
        if ref is None:
            if alt:
                self._emit(self._escape(alt))
            return
        alt_md = alt.replace("[", "").replace("]", "").replace("\\", "")
        self._emit(f"![{alt_md}]({ref})")

    def _sound(self, name: str) -> None:
        if self.plain:
            return
        ref = self._media(name)
        self._emit(f"[{name.replace('[', '').replace(']', '')}]({ref})" if ref else self._escape(name))

    def _media(self, src: str) -> str | None:
        if not src or self.media is None:
            return None
        ref = self.media(src)
        if ref is not None:
            self.used.append(src)
        return ref

    def result(self) -> str:
        self.close()
        self._end_line()
        out: list[str] = []
        prev_item = False
        blank = False
        for text, item in self.lines:
            if not text:
                blank = True
                continue
            if out:
                if self.plain:
                    out.append("\n\n" if blank else "\n")
                else:
                    out.append("\n" if (item and prev_item and not blank) else "\n\n")
            out.append(text)
            prev_item, blank = item, False
        return "".join(out).strip(WS)


def to_markdown(html: str, media: MediaFn | None = None) -> tuple[str, list[str]]:
    """Markdown for an Anki field, and the media names it references (in order)."""
    if "<" not in html and "&" not in html and "[sound:" not in html and "\n" not in html:
        return md_escape(" ".join(html.replace("\xa0", " ").split())), []
    c = _Converter(False, media)
    c.feed(html)
    return c.result(), c.used


def to_plain(html: str) -> str:
    """The field's text without any markup (for typed answers and checks)."""
    if "<" not in html and "&" not in html and "[sound:" not in html:
        return " ".join(html.split())
    c = _Converter(True, None)
    c.feed(html)
    return c.result()


class _Detector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found = False

    def handle_starttag(self, tag, attrs) -> None:
        self.found = True

    def handle_endtag(self, tag) -> None:
        self.found = True

    def handle_entityref(self, name) -> None:
        self.found = True

    def handle_charref(self, name) -> None:
        self.found = True


def looks_like_html(text: str) -> bool:
    """Whether text holds HTML tags or entities (Anki guesses the same way for files without '#html:')."""
    if "<" not in text and "&" not in text:
        return False
    d = _Detector()
    d.feed(text)
    d.close()
    return d.found
