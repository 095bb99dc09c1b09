"""Reading a question: language, places, years, intent, follow-ups."""
from assistant.question.question import analyse, language
from ground.provinces import find_provinces

KNOWN = ["An Giang", "Kon Tum"]


def test_provinces_with_and_without_accents_and_spaces():
    assert find_provinces("Mục tiêu của KonTum") == ["Kon Tum"]
    assert find_provinces("kon tum va an giang") == ["Kon Tum", "An Giang"]
    assert find_provinces("tỉnh Gia Lai") == ["Gia Lai"]


def test_language_and_intent():
    q = analyse("Compare the 2030 social housing targets of An Giang and Kon Tum", known=KNOWN)
    assert (q.lang, q.intent, q.years, q.provinces) == ("en", "compare", [2030], ["An Giang", "Kon Tum"])
    q = analyse("Cơ quan nào chủ trì theo dõi tỷ lệ thất nghiệp ở An Giang?", known=KNOWN)
    assert (q.lang, q.intent) == ("vi", "agency")
    assert analyse("Who signed Kon Tum's plan?", known=KNOWN).intent == "metadata"
    # a long quoted Vietnamese indicator is cited, not the language of the question
    long_quote = "What is An Giang's 2025 target for “Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội”?"
    assert analyse(long_quote, known=KNOWN).lang == "en"
    assert language("What is Bình Định's 2025 target for “Tỷ lệ thất nghiệp khu vực thành thị”?") == "en"
    assert language("What is Thừa Thiên Huế's 2030 target for social housing?") == "en"
    assert language("Mục tiêu của Bình Định là gì?") == "vi"
    assert analyse("Chỉ tiêu “Tỷ lệ thất nghiệp chung” của An Giang năm 2025?", known=KNOWN).lang == "vi"
    assert analyse("“Tỷ lệ thất nghiệp chung” An Giang 2025", known=KNOWN).lang == "vi"


def test_unknown_province_is_kept_apart():
    q = analyse("Mục tiêu tỷ lệ hộ nghèo của tỉnh Gia Lai năm 2030?", known=KNOWN)
    assert q.provinces == [] and q.other_places == ["Gia Lai"]


def test_follow_ups_reuse_the_previous_turn():
    first = "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?"
    q = analyse("Còn năm 2025 thì sao?", [first], KNOWN)
    assert q.follow_up and q.years == [2025] and q.provinces == ["Kon Tum"]
    assert "nhà ở xã hội" in q.effective
    q = analyse("và An Giang?", [first], KNOWN)
    assert q.provinces == ["An Giang"] and q.years == [2030]
    q = analyse("What about 2025?", ["Kon Tum's 2030 target for social housing"], KNOWN)
    assert q.lang == "en" and q.years == [2025] and "social housing" in q.effective


def test_a_full_question_is_not_a_follow_up():
    q = analyse("Tỷ lệ thất nghiệp chung của An Giang năm 2025", ["Mục tiêu nhà ở xã hội của Kon Tum?"], KNOWN)
    assert not q.follow_up and q.provinces == ["An Giang"]


def test_everyday_words_become_the_plans_words():
    q = analyse("So sánh tỷ lệ bao phủ bảo hiểm y tế của hai tỉnh năm 2030", known=KNOWN)
    assert "tham gia bảo hiểm y tế" in q.effective and "hai tỉnh" not in q.effective


def test_foreign_terms_are_told_from_vietnamese_syllables():
    from assistant.evidence import is_vietnamese_syllable

    assert all(is_vietnamese_syllable(w) for w in ("mỗi", "đặt", "nghiêng", "khuya", "giường", "dat"))
    assert not any(is_vietnamese_syllable(w) for w in ("gdp", "metro", "covid"))


def test_thousands_in_words_become_the_tables_figures():
    q = analyse("An Giang cần bao nhiêu điều dưỡng trên 10 nghìn dân năm 2025?", known=KNOWN)
    assert "trên 10.000 dân" in q.effective
    assert "trên 10.000 dân" in analyse("Số giường bệnh trên vạn dân của An Giang", known=KNOWN).effective


def test_province_names_are_filters_not_topic_words():
    from assistant.question.english import vietnamese_phrases

    q = "What is Bến Tre's 2025 target for “Tỷ lệ thất nghiệp chung”?"
    got = vietnamese_phrases(q)
    assert got[0] == "Tỷ lệ thất nghiệp chung" and not any("Bến" in p or "Tre" in p for p in got)
    assert vietnamese_phrases("What is Đắk Lắk's target for nhà ở xã hội?") == ["nhà ở xã hội"]
