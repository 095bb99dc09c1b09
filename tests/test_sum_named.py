"""A sum named by what it pays for is asked: "What monthly tuition does …", "What monthly allowance does Hanoi pay …",
"what does a notary office charge …" ask an amount as "what fee" does (``lexicon.ASK_COUNT_EN``), and the part they
want is a sum of money (``lexicon.ASK_MONEY``): before, they asked nothing typed and any sentence of the topic could
answer. Measured over qa5's 24 documents with every vector: Huế's THCS fee in mountainous areas, refused before, is
answered "80"; no other answer of the development and check sets changed."""
import pytest

from assistant.question.asked import asked
from assistant.question.question import analyse
from assistant.question.wanted import Want, wants


@pytest.mark.parametrize("question", [
    "What monthly tuition does Huế's Resolution 36/2025/NQ-HĐND set for lower-secondary students in mountainous areas?",
    "What monthly allowance does Hanoi pay the head of the Steering Committee under Resolution 70/2025/NQ-HĐND?",
    "What does a notary office charge to certify a copy of a document?",
])
def test_a_sum_named_by_what_it_pays_for_is_asked(question):
    assert asked(question, "en").kind == "count"
    assert wants(analyse(question)) == [Want("money")]


def test_what_it_pays_for_alone_asks_no_sum():
    assert Want("money") not in wants(analyse("Which body approves the tuition policy of public schools in Huế?"))
