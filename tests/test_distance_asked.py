""""How far … from", "cách … bao xa" ask a distance, stated apart from what it is measured from ("phải đặt cách công
trình nhà ở … ≥ 20m"), not any figure in metres (``lexicon.ASK_DISTANCE`` / ``STATED_DISTANCE``, Want "distance";
``asked._MEASURED``'s distance units). Hà Tĩnh's solid-waste rules 74/2025/QĐ-UBND (``tests/data/facts/ac0f18a2d1b4fb56.md``):
its Điều 8 khoản 2 gives the transfer stations' radii in km and areas in m2 beside the distance of the non-fixed one."""
from assistant.question.question import analyse
from assistant.question.wanted import held, wants

APART = "Trạm trung chuyển không cố định phải đặt cách công trình nhà ở và các khu vực thường xuyên tập trung đông người ≥ 20m."
RADIUS = "- Bán kính phục vụ tối đa 15 km thì diện tích trạm trung chuyển cố định tối thiểu là 3000 m2, công suất 100 tấn/ngày;"


def test_a_distance_is_stated_apart_from_something():
    for q in ("How far at minimum must a non-fixed transfer station be from houses?",
              "Trạm trung chuyển không cố định phải đặt cách nhà ở bao xa?",
              "Khoảng cách tối thiểu từ trạm trung chuyển đến khu dân cư là bao nhiêu?"):
        parts = wants(analyse(q))
        distance = [w for w in parts if w.kind == "distance"]
        assert distance, (q, parts)
        assert held(distance[0], APART) and not held(distance[0], RADIUS)
    assert not any(w.kind == "distance" for w in wants(analyse("Bán kính phục vụ của trạm là bao nhiêu km?")))


def test_the_sentence_stating_the_distance_answers(procedure_bot):
    for q in ("Theo Quyết định 74/2025/QĐ-UBND của Hà Tĩnh, trạm trung chuyển chất thải rắn sinh hoạt không cố định phải "
              "đặt cách nhà ở bao xa?",
              "In Ha Tinh's household solid waste regulation (Decision 74/2025/QĐ-UBND), how far at minimum must a "
              "non-fixed waste transfer station be from houses and crowded places?"):
        ans = procedure_bot.ask(q)
        assert ans.found and "≥ 20m" in ans.text.split("…")[0], ans.text
