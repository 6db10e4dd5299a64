"""Whatever the document holds, generation never crashes and what it writes always passes the deck checker."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.deck.parser import parse_text
from quizapp.errors import UserError
from quizapp.generate.build import build
from quizapp.generate.loader import parse_document

PIECES = [
    "Fundamentals", "Intermediate", "Academic", "References", "Bone Cells", "# Heading", "## Sub",
    "- Osteoclast ∞ A cell that breaks down bone.", "- Term: a thing [b]x[/b] {{y}}", "- Step One ∞ Start Here Go on",
    "- Step Two ∞ Then More Keep going", "1. First step", "2. Second step", "Key | Value |", "---|---|",
    "Alpha | One |", "Beta | Two |", "| a | b |", "the osteoblast Meaning ∞ Osteoblasts build bone. more text",
    "Estrogen (E2) acts on the osteoclast every day in bone.", "Q: fake field", "A: fake answer", "---", "+++",
    "C: {{cloze}}", "Note: x", "<p>html</p>", "$accent [@click=app.quit]q[/]", "", " ", "∞", "|", "…", "Ⅻ",
]  # fmt: skip


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=30),
    st.sampled_from(["text", "markdown", "html"]),
)
def test_generate_never_crashes_and_always_checks_clean(parts, fmt):
    text = "\n".join(parts)
    try:
        doc = parse_document(text, "fuzz.txt", fmt, "Fuzz")
    except UserError:
        return
    result = build([doc], "fuzz", out_name="fuzz.md")
    parsed = parse_text(result.text, "fuzz.md")
    assert parsed.problems == [], (text, result.text)
    assert len(parsed.notes) == len(result.notes)
    assert result.report["check"]["errors"] == 0
