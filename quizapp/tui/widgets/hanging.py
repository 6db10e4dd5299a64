"""HangingRows: rows of "mark  text" that wrap under their text, not under the mark (a hanging indent)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

Row = tuple[Content, Content]  # (the key or mark column, the text)


class HangingRows(Visual):
    """Rows of (mark, text), each wrapped so that its later lines start under the text, not under the mark.

    Used for the answer pickers' options and feedback (" ✓ 1 " + option text) and the "Why:" / "Source:" lines.
    """

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = list(rows)
        self._laid_out: tuple[int, list[Content]] | None = None

    def lines(self, width: int) -> list[Content]:
        """The rows wrapped to ``width`` cells, continuation lines indented to the text's column."""
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        out: list[Content] = []
        for mark, text in self.rows:
            indent = mark.cell_length if mark.cell_length <= width // 2 else 0  # too narrow: no hanging indent
            wrapped = text.wrap(max(1, width - indent)) if text.cell_length else [Content("")]
            if indent or not mark.cell_length:
                out.append(mark + wrapped[0])
                out.extend(Content(" " * indent) + line for line in wrapped[1:])
            else:
                out.extend((mark + text).wrap(max(1, width)))
        self._laid_out = (width, out)
        return out

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return Content("\n").join(self.lines(width)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((mark.cell_length + text.cell_length for mark, text in self.rows), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width)) if width > 0 else 0
