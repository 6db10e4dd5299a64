"""Tables: for each row, cards asking a cell given the row's key and the column header (distractors: other rows)."""

from __future__ import annotations

from quizapp.generate.document import Document, Table
from quizapp.generate.draft import Draft, Skip, choice_note, new_note, pick_distractors, unit
from quizapp.generate.sentences import norm

MIN_DISTRACTORS = 2
MAX_DISTRACTORS = 3


def cell(cells: list[str], j: int) -> str:
    return cells[j].strip() if j < len(cells) else ""


def question(header: str, key: str) -> str:
    return f"What does the table give as the {header} for {key}?"


def row_summary(header: list[str], cells: list[str]) -> str:
    return " · ".join(f"{h or f'column {j + 1}'}: {cell(cells, j)}" for j, h in enumerate(header) if cell(cells, j))


def extract_tables(doc: Document, skips: list[Skip]) -> list[Draft]:
    """One card per (row, column) cell; multiple choice when the column has enough other values."""
    out: list[Draft] = []
    for sec in doc.sections:
        if sec.skip:
            continue
        for tbl in sec.blocks:
            if isinstance(tbl, Table):
                out.extend(_table(doc, sec, tbl, skips))
    return out


def _table(doc: Document, sec, tbl: Table, skips: list[Skip]) -> list[Draft]:
    where = f"{doc.path}:{tbl.line}"
    header = [h.strip() for h in tbl.header]
    if len(header) < 2:
        skips.append(Skip(where, "table", "a table needs a key column and at least one more column"))
        return []
    rows = [r for r in tbl.rows if cell(r.cells, 0)]
    if len(rows) < len(tbl.rows):
        skips.append(Skip(where, "table rows", f"{len(tbl.rows) - len(rows)} row(s) without a key in the first column"))
    uniform: set[int] = set()
    for j in range(1, len(header)):
        values = {cell(r.cells, j).lower() for r in rows if cell(r.cells, j)}
        if len(rows) > 1 and len(values) == 1:
            uniform.add(j)
            col = header[j] or f"column {j + 1}"
            skips.append(Skip(where, f"table column '{col}'", "same value in every row (nothing to tell apart)"))
    out: list[Draft] = []
    for r in rows:
        key = cell(r.cells, 0)
        sentence = " | ".join(c for c in r.cells)
        summary = row_summary(header, r.cells)
        for j in range(1, len(header)):
            value = cell(r.cells, j)
            if not value or j in uniform:
                continue
            col = header[j] or f"column {j + 1}"
            q = question(col, key)
            if norm(value) and f" {norm(value)} " in f" {norm(q)} ":
                skips.append(
                    Skip(f"{doc.path}:{r.line}", f"cell '{col}' of {key}", "the answer appears in the question")
                )
                continue
            others = [cell(o.cells, j) for o in rows if o is not r]
            wrong = pick_distractors(value, others, MAX_DISTRACTORS, doc.title + key + col)
            if len(wrong) >= MIN_DISTRACTORS:
                note = choice_note(q, [value], wrong, doc.title, explanation=summary, tags=["table"])
            else:
                note = new_note(type="basic", front=q, back=value, explanation=summary, tags=["table"])
            out.append(Draft(note, doc, sec, r.line, "table", sentence, [unit(doc, "row", r.line)]))
    return out
