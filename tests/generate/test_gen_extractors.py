"""Each extractor on small documents: tables, definitions and glossaries, lists, sequences, key sentences."""

from __future__ import annotations

from quizapp.generate.cloze import TermIndex, prose_terms
from quizapp.generate.definitions import answer_text, split_definition, split_glossary
from quizapp.generate.draft import Skip
from quizapp.generate.loader import parse_document
from quizapp.generate.sequences import split_title, step_number
from quizapp.generate.tables import extract_tables

TABLE_DOC = """\
Intermediate
Drug | Class | Route | Approved |
---|---|---|---|
Anastrozole | Nonsteroidal inhibitor | Oral | Yes |
Letrozole | Nonsteroidal inhibitor | Oral | Yes |
Exemestane | Steroidal inactivator | Oral | Yes |
Denosumab | Antibody | Injection | Yes |
"""


def notes_of(result, origin):
    return [d.note for d in result.drafts if d.origin == origin]


def test_table_cards_ask_each_cell_with_distractors_from_the_column():
    doc = parse_document(TABLE_DOC, "t.txt", "text", "T")
    skips: list[Skip] = []
    drafts = extract_tables(doc, skips)
    # 4 rows x (Class, Route): 'Approved' is the same in every row, so it is skipped
    assert len(drafts) == 8
    assert any("Approved" in s.what and "same value" in s.why for s in skips)
    by_q = {d.note.front: d.note for d in drafts}
    q = by_q["What does the table give as the Class for Exemestane?"]
    assert q.type == "choice"
    assert [o.text for o in q.options if o.correct] == ["Steroidal inactivator"]
    wrong = {o.text for o in q.options if not o.correct}
    assert wrong == {"Nonsteroidal inhibitor", "Antibody"}  # other rows of that column, no repeats
    route = by_q["What does the table give as the Route for Denosumab?"]
    assert route.type == "basic" and route.back == "Injection"  # one other value only: no multiple choice
    assert all(d.line == 7 for d in drafts if "Denosumab" in d.note.front)
    assert "Class: Antibody" in route.explanation
    assert drafts[0].covers == ["row@t.txt:4"]


def test_table_distractor_order_is_deterministic():
    doc = parse_document(TABLE_DOC, "t.txt", "text", "T")
    a = [[o.text for o in d.note.options] for d in extract_tables(doc, [])]
    b = [[o.text for o in d.note.options] for d in extract_tables(doc, [])]
    assert a == b


def test_split_definition_separators_and_rejects():
    assert split_definition("Age ∞ Older women are at greater risk.")[:2] == ("Age", "Older women are at greater risk.")
    assert split_definition("Hydration: the weight of water over flour")[:2] == (
        "Hydration",
        "the weight of water over flour",
    )
    assert split_definition("Caldera — a large hollow left by a collapse")[0] == "Caldera"
    assert split_definition("These conditions can include: a, b") is None  # not a term
    assert split_definition("Note: check the dose first") is None
    assert split_definition("Understanding the foundational role of estrogen naturally leads to ∞ more") is None
    assert split_definition("Goss PE, et al. A randomized trial: results") is None


def test_answer_drops_the_subject_and_masks_the_term():
    ans, full = answer_text("Osteoclast", "An osteoclast is a specialized large cell that resorbs bone.")
    assert ans == "A specialized large cell that resorbs bone."
    ans, _ = answer_text("Teriparatide", "A form of parathyroid hormone, Teriparatide is unique. It builds bone.")
    assert ans == "A form of parathyroid hormone, … is unique."
    ans, _ = answer_text("Denosumab", "This is a monoclonal antibody that targets RANKL.")
    assert ans == "A monoclonal antibody that targets RANKL."
    long = "Bone remodeling is " + " ".join(["the continuous lifelong process"] * 8) + ", mostly, to keep bone."
    ans, full = answer_text("Bone remodeling", long)
    assert len(ans.split()) <= 25 and ans.endswith("…") and full == long


def test_glossary_entries_are_split_out_of_running_text():
    text = (
        "It ensures that the osteoblast Meaning ∞ Osteoblasts are cells that build bone. construction crew "
        "keeps up. Then therapy Meaning ∞ Testosterone Replacement Therapy (TRT) is a treatment for low "
        "testosterone. (TRT) or others."
    )
    clean, entries = split_glossary(text)
    assert clean == "It ensures that the osteoblast construction crew keeps up. Then therapy (TRT) or others."
    assert [(e[0], e[1]) for e in entries] == [
        ("Osteoblasts", "Osteoblasts are cells that build bone."),
        (
            "Testosterone Replacement Therapy (TRT)",
            "Testosterone Replacement Therapy (TRT) is a treatment for low testosterone.",
        ),
    ]
    assert text[entries[0][2] :].startswith("osteoblast Meaning")


def test_definitions_and_glossary_give_reversed_cards_with_sources(gen, fixture_path):
    r = gen(fixture_path("tides.txt").read_text(), title="Tides")
    defs = {n.front: n for n in notes_of(r, "definition")}
    assert set(defs) == {"Spring Tide", "Neap Tide", "Tidal Range"}
    assert all(n.type == "reversed" for n in defs.values())
    assert defs["Tidal Range"].back == "The difference in height between high water and the next low water."
    assert defs["Tidal Range"].source == "Tides § Intermediate (line 16)"
    assert defs["Tidal Range"].note.startswith("Tidal Range ∞ The difference")
    gloss = {n.front: n for n in notes_of(r, "glossary")}
    # "ocean bulges towards it Meaning ∞ A tidal bulge is ...": the term comes from the definition's subject
    assert set(gloss) == {"Tidal bulge", "Tidal bore"}
    assert gloss["Tidal bore"].back == "A wave that travels up a river against its current."
    assert "Step One" not in defs  # steps are sequences, not definitions


def test_lists_give_a_multiple_answer_card_with_wrong_options_from_elsewhere(gen, fixture_path):
    r = gen(fixture_path("sourdough.md").read_text(), fmt="markdown")
    cards = {n.front: n for n in notes_of(r, "list")}
    faults = cards["Which of these does the document list as “Common faults in a loaf”?"]
    assert sorted(o.text for o in faults.options if o.correct) == ["A dense crumb", "A flat loaf", "A pale crust"]
    wrong = [o.text for o in faults.options if not o.correct]
    assert len(wrong) == 3 and set(wrong) <= {"Levain", "Hydration", "Autolyse"}
    terms = cards["Which of these does the document list under “Fundamentals”?"]
    assert sorted(o.text for o in terms.options if o.correct) == ["Autolyse", "Hydration", "Levain"]


def test_fact_list_items_become_single_cloze_cards(gen):
    text = (
        "Bone Drugs\n"
        "- Denosumab ∞ An antibody against RANKL.\n"
        "- Zoledronic Acid ∞ A yearly infusion.\n"
        "Dosing Facts\n"
        "- Denosumab is injected under the skin every six months.\n"
        "- Zoledronic Acid is given by vein once a year.\n"
        "- Patients should take calcium every day with food.\n"
    )
    r = gen(text)
    singles = [n.text for n in notes_of(r, "list") if n.type == "cloze"]
    assert "{{Denosumab}} is injected under the skin every six months." in singles
    assert "{{Zoledronic Acid}} is given by vein once a year." in singles
    assert len(singles) == 2
    assert any("no key term" in s.why for s in r.skips)  # the calcium item has no key term or number


def test_step_lines_are_parsed_and_split_into_titles():
    assert step_number("Step Three ∞ Cytokine Upregulation Immune cells increase") == (
        3,
        "Cytokine Upregulation Immune cells increase",
    )
    assert step_number("Step 2: Rest the dough") == (2, "Rest the dough")
    assert step_number("Stage IV - Bake") == (4, "Bake")
    assert step_number("Stepping stones are nice") is None
    assert split_title("Removal of Inflammatory Suppression The absence of estrogen removes it") == (
        "Removal of Inflammatory Suppression",
        "The absence of estrogen removes it",
    )
    assert split_title("Estrogen falls.") == ("", "Estrogen falls.")


def test_sequences_give_an_ordering_card_and_what_comes_after(gen, fixture_path):
    r = gen(fixture_path("tides.txt").read_text())
    seq = notes_of(r, "sequence")
    order = [n for n in seq if n.type == "order"]
    assert len(order) == 1 and order[0].steps == ["Low Water", "Flood Tide", "High Water", "Ebb Tide"]
    after = {n.front: n for n in seq if n.type == "basic"}
    assert len(after) == 3
    q = "In the steps under “Academic”, what comes after “Flood Tide”?"
    assert after[q].back == "High Water"
    assert after[q].explanation == "The sea stands at its highest level for a short while."


def test_numbered_paragraph_steps_out_of_order_are_sorted(gen):
    text = "Method\nStep 2: Knead the dough well.\nStep 1: Mix the flour and water.\nStep 3: Bake it hot.\n"
    r = gen(text)
    (order,) = [d.note for d in r.drafts if d.note.type == "order"]
    assert order.steps == ["Mix the flour and water", "Knead the dough well", "Bake it hot"]


def test_cloze_deletes_a_key_term_once_and_skips_reader_talk(gen):
    text = (
        "Fundamentals\n"
        "- Osteoclast ∞ A cell that breaks down bone.\n"
        "- Osteoblast ∞ A cell that builds new bone.\n"
        "Bone is renewed all the time as the osteoclast removes old tissue and others rebuild it.\n"
        "Your osteoblast works hard every single day to keep you strong.\n"
        "An osteoclast and another osteoclast can merge together into one bigger cell.\n"
    )
    r = gen(text)
    clozes = [n.text for n in notes_of(r, "cloze")]
    assert clozes == ["Bone is renewed all the time as the {{osteoclast}} removes old tissue and others rebuild it."]
    reasons = " ".join(s.why for s in r.skips)
    assert "addresses the reader" in reasons and "repeats" in reasons


def test_term_index_matches_longest_term_and_plurals():
    idx = TermIndex.build(["Bone Mineral Density", "Bone", "Osteoclast (OC)", "Therapy"])
    hits = idx.matches("Low bone mineral density and osteoclasts; OC counts; therapies.")
    found = [" ".join(k) for k, _, _ in hits]
    assert found == ["bone mineral density", "osteoclast", "oc", "therapy"]


def test_prose_terms_find_abbreviations_and_named_things():
    doc = parse_document(
        "Part\nThe body makes a decoy receptor called osteoprotegerin (OPG). Aromatase inhibitors (AIs) "
        "lower estrogen; a condition known as osteopenia may follow.\n",
        "p.txt",
    )
    terms = prose_terms(doc)
    assert {"osteoprotegerin", "OPG", "Aromatase inhibitors", "AIs", "osteopenia"} <= set(terms)
