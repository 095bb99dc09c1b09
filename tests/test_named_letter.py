"""A question naming its document by number has found it: the preamble, which restates the title, weighs as little
as one citing legal bases (``scoring.role_bonus``). Real document: the customs letter 37951/CHQ-GSQL to Hanesbrands
(``tests/data/prose/6a73c878c777ca23.md``, copied unchanged from ``../shared/real/docs``): its opening names the
company and the leased machinery, its "2." which procedure applies. Measured with every vector over qa3's 24
documents: the letter's "2." and the Tax Department's quoted decree now answer (qa3 +2, qa4 +1, nothing lost)."""
from dataclasses import replace

from assistant.question.question import analyse
from assistant.scoring import BASES_PENALTY, PREAMBLE_PENALTY, role_bonus
from ingest.pipeline import load_document

from .conftest import ROOT

LETTER = ROOT / "tests/data/prose/6a73c878c777ca23.md"
TELEGRAM = ROOT / "tests/data/prose/1095764e502a89b8.md"  # Công điện 224/CĐ-TTg: no articles, its body read as preamble


def test_a_named_documents_preamble_weighs_as_legal_bases_do():
    doc = load_document(str(LETTER))
    opening = next(c for c in doc.chunks if c.kind == "preamble")
    assert "Kính gửi" in opening.text and "Căn cứ" not in opening.text
    q = analyse("If Hanesbrands' leased machinery is designated for delivery to another company under a new lease, "
                "what customs procedure applies according to letter 37951/CHQ-GSQL?")
    assert role_bonus(q, opening) == -PREAMBLE_PENALTY  # the letter not named (no index to name it in)
    assert role_bonus(replace(q, documents=(doc.doc_id,)), opening) == -BASES_PENALTY
    facts = analyse("Công văn 37951/CHQ-GSQL ban hành ngày nào?")  # its facts are the preamble's to state
    assert role_bonus(replace(facts, documents=(doc.doc_id,)), opening) == -PREAMBLE_PENALTY


def test_a_telegrams_body_after_its_opening_keeps_the_plain_preamble_weight():
    """Công điện 224/CĐ-TTg is printed without articles: after its opening (letterhead, number, addressees) its body
    goes on as "preamble" chunks, and "… vào ngày 19 tháng 12 năm 2025" answers from one; only the opening weighs less."""
    doc = load_document(str(TELEGRAM))
    pre = [c for c in doc.chunks if c.kind == "preamble"]
    q = replace(analyse("Under Dispatch 224/CĐ-TTg, on what date will the nationwide ceremony be held?"),
                documents=(doc.doc_id,))
    assert role_bonus(q, pre[0]) == -BASES_PENALTY
    body = next(c for c in pre[1:] if "19 tháng 12" in c.text)
    assert role_bonus(q, body) == -PREAMBLE_PENALTY
