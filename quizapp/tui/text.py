"""The one helper for showing untrusted text (cards, deck titles, file names, errors): never as markup."""

from __future__ import annotations

from textual.content import Content


def plain(text: object) -> Content:
    """``text`` exactly as written: square brackets, ``$`` and backslashes are shown literally."""
    return text if isinstance(text, Content) else Content(str(text))


def styled(template: str, **values: object) -> Content:
    """A trusted markup ``template`` with ``$name`` slots filled by untrusted values, shown literally."""
    return Content.from_markup(template, **{k: plain(v) for k, v in values.items()})


def snippet(text: str, width: int = 60) -> str:
    """One line of at most ``width`` characters: white space collapsed, cut with an ellipsis."""
    line = " ".join(str(text).split())
    return line if len(line) <= width else line[: max(1, width - 1)].rstrip() + "…"


def cell(text: object, style: str = "", justify: str | None = None):
    """A DataTable cell showing ``text`` literally (a rich Text built without markup parsing)."""
    from rich.text import Text

    return Text(str(text), style=style, justify=justify, no_wrap=True, end="")  # type: ignore[arg-type]


def fmt_duration(seconds: float) -> str:
    """'45 s', '4 min 05 s', '1 h 02 min'."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s} s"
    m, s = divmod(s, 60)
    if m < 60:
        return f"{m} min {s:02d} s"
    h, m = divmod(m, 60)
    return f"{h} h {m:02d} min"
