"""Card Markdown -> Anki field HTML (markdown-it-py), with local images gathered as package media."""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

from markdown_it import MarkdownIt

_PLAIN_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.;:?'\"()/%+=-{}")


class MediaSet:
    """Local files referenced by cards, each under a unique plain name for Anki's media folder."""

    def __init__(self) -> None:
        self.by_path: dict[Path, str] = {}
        self.names: set[str] = set()

    def add(self, path: Path) -> str:
        path = path.resolve()
        if path in self.by_path:
            return self.by_path[path]
        name = path.name
        if name in self.names:
            tag = hashlib.blake2b(str(path).encode(), digest_size=3).hexdigest()
            name = f"{path.stem}-{tag}{path.suffix}"
        self.names.add(name)
        self.by_path[path] = name
        return name


class Renderer:
    """Renders card Markdown the way the app shows it; raw HTML in cards stays text."""

    def __init__(self, media: MediaSet) -> None:
        self.md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
        self.media = media
        self.missing: set[str] = set()

    def html(self, text: str, base: Path | None) -> str:
        if not text:
            return ""
        if _PLAIN_SAFE.issuperset(text) and (text[0].isalpha() or text[0] in "(\"'{"):
            return html.escape(text, quote=False)
        env: dict = {}
        tokens = self.md.parse(text, env)
        for tok in tokens:
            for child in tok.children or ():
                if child.type == "image":
                    self._image(child, base)
        out = self.md.renderer.render(tokens, self.md.options, env).strip()
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            out = out[3:-4]
        return out

    def _image(self, tok, base: Path | None) -> None:
        src = str(tok.attrs.get("src", ""))
        if not src or "://" in src or src.startswith("data:") or base is None:
            return
        from urllib.parse import unquote

        p = (base / unquote(src)).resolve()
        if not p.is_file():
            self.missing.add(src)
            return
        tok.attrs["src"] = self.media.add(p)
