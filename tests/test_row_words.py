"""The found decision reads a table row's words as its coverage does: with the table's caption, the row's groups
and its column names (``found._read_text`` → ``row_evidence.row_text``), not the row's cells alone.

Real document: Huế's tuition resolution 36/2025/NQ-HĐND (``tests/data/facts/3066a06b520a2418.md``), a fee matrix whose
row "Miền núi" prints only figures ("Miền núi | 105 | 105 | 80 | 100"): the words of a question about the
upper-secondary fee in mountainous communes ("học phí", "trung học phổ thông") are in its caption and column names.
Before, the feature ``words`` of that row was 0 while its coverage was 0.7, and the row's decision fell below the
threshold for an English question whose other words the glossary does not read."""
from assistant import answering, found

from .conftest import ROOT, at_once_fixture

bot = at_once_fixture("row-words", ROOT / "tests/data/facts/3066a06b520a2418.md")


def test_a_rows_words_are_read_with_its_headers(bot, monkeypatch):
    seen, choose = [], answering._choose
    monkeypatch.setattr(answering, "_choose", lambda ctx: seen.append(ctx) or choose(ctx))  # the contexts judged
    ans = bot.ask("Học phí trung học phổ thông công lập ở địa bàn miền núi theo Nghị quyết 36/2025/NQ-HĐND của Huế "
                  "là bao nhiêu một tháng?")
    assert ans.found and "100" in ans.text, ans.text
    ctx = seen[-1]
    row = next(s for s in ctx.table if s.row is not None and s.row.label.strip() == "Miền núi")
    words = found.features(ctx, row)[found.FEATURES.index("words")]
    assert "trung học phổ thông" in found._read_text(row).lower()
    alone = found.words_share(ctx.words(), found.token_set(row.chunk.text))
    assert alone == 0.0 and words > 0.5, (words, alone)  # its cells alone hold none of the question's words
