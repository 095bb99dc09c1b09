"""Chunks follow the documents' own headings, and every span quotes exactly."""
import pytest

from ingest.pipeline import parse_text
from ingest.text.structure import is_legal, split_structure

LEGAL = """THÔNG TƯ
Quy định thử nghiệm

Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Thông tư này quy định việc thử nghiệm.

Điều 2. Đối tượng áp dụng
1. Cơ quan quản lý nhà nước về y tế.
2. Cơ sở khám bệnh, chữa bệnh gồm:
a) Bệnh viện công lập;
b) Bệnh viện tư nhân.

Chương II
ĐIỀU KHOẢN THI HÀNH

Điều 3. Hiệu lực thi hành
1. Thông tư này có hiệu lực từ ngày 01 tháng 7 năm 2025.
2. Bãi bỏ Thông tư số 01/2020/TT-BYT.
"""


def test_plan_locators_follow_headings(shipped_docs):
    doc = shipped_docs["kon_tum"]
    locators = [c.locator for c in doc.chunks if c.kind == "clause"]
    for want in ("Mục I › 1", "Mục II › 3", "Mục III › 3 › c)", "Mục III › 3 › d)", "Mục IV › 1"):
        assert want in locators
    ag = shipped_docs["an_giang"]
    assert "Mục II › 1 › b)" in [c.locator for c in ag.chunks]


def test_every_chunk_span_slices_to_its_text(shipped_docs):
    for doc in shipped_docs.values():
        for c in doc.chunks:
            assert doc.text[c.start:c.end] == c.text
            assert c.text.strip() == c.text


def test_chunks_stay_inside_the_embedder_limit_and_end_on_sentences(shipped_docs):
    for doc in shipped_docs.values():
        for c in doc.chunks:
            if c.kind == "row":
                continue
            assert len(c.text) <= 1500 * 1.25 + 200, c.locator
            assert c.text[-1] in ".;:)”\"" or c.kind in ("closing", "signature") or c.text[-1].isalnum(), c.text[-40:]


def test_assignment_lines_stay_with_their_tasks(shipped_docs):
    doc = shipped_docs["kon_tum"]
    task = next(c for c in doc.chunks if "quan hệ lao động hài hoà" in c.text)
    assert "* Thực hiện: Sở Lao động - Thương binh và Xã hội chủ trì" in task.text


def test_legal_text_uses_article_clause_point():
    assert is_legal(LEGAL)
    pieces = split_structure(LEGAL)
    locs = [p.locator for p in pieces]
    assert "Điều 1" in locs
    assert "Điều 2 › Khoản 1" in locs
    points = next(p for p in pieces if p.locator == "Điều 2 › Khoản 2")  # Điểm a), b) stay in their Khoản
    assert LEGAL[points.start:points.end].endswith("a) Bệnh viện công lập;\nb) Bệnh viện tư nhân.")
    assert "Điều 3 › Khoản 2" in locs
    art3 = next(p for p in pieces if p.locator == "Điều 3 › Khoản 2")
    assert art3.heading_path[0] == "Chương II. ĐIỀU KHOẢN THI HÀNH"
    assert LEGAL[art3.start:art3.end] == "2. Bãi bỏ Thông tư số 01/2020/TT-BYT."


def test_numbers_out_of_sequence_are_not_headings():
    text = "I. MỤC TIÊU\n1. Mục tiêu chung\nnội dung dài của mục tiêu,\n10. không phải là tiêu đề\n2. Mục tiêu cụ thể\n- chỉ tiêu\n"
    locs = [p.locator for p in split_structure(text)]
    assert locs == ["Mục I › 1", "Mục I › 2"]


@pytest.mark.parametrize("bad", ["", "   \n\n"])
def test_empty_text_gives_no_chunks(bad):
    assert split_structure(bad) == []


def test_parse_text_links_chunks_to_document():
    doc = parse_text(LEGAL, "<fixture>")
    assert doc.chunks and all(c.doc_id == doc.doc_id for c in doc.chunks)


def test_official_layout_fixtures_parse_into_article_locators():
    from ingest.pipeline import load_document

    from .conftest import ROOT

    tt = load_document(ROOT / "tests/fixtures/thong_tu_official.txt")
    assert tt.name == "Thông tư 08/2025/TT-BYT ngày 7/3/2025 của Bộ Y tế"
    assert [c.locator for c in tt.chunks][:4] == ["Phần mở đầu", "Điều 1 › Khoản 1", "Điều 1 › Khoản 2",
                                                 "Điều 2 › Khoản 1"]
    law = load_document(ROOT / "tests/fixtures/luat_fixture.txt")
    assert law.name.startswith("Luật Du lịch")
    assert "Điều 3 › Khoản 2" in [c.locator for c in law.chunks]
    for doc in (tt, law):
        for c in doc.chunks:
            assert doc.text[c.start:c.end] == c.text


def test_an_article_title_wrapped_over_lines_is_read_whole():
    # as saved from the legal site (Nghị quyết 79/2025/NQ-HĐND of Hà Nội): the bold title wraps
    text = ("Điều 5. Phạm vi áp dụng\n\n1. Nghị quyết này áp dụng tại Hà Nội.\n\n"
            "Điều 6. Quy định về giải pháp xử\nlý đối với cơ sở thuộc loại hình kho chứa và công trình chế\n"
            "biến sản phẩm dầu mỏ\n\n1. Người đứng đầu cơ sở xây dựng kế hoạch di chuyển; thời\n"
            "gian thực hiện không quá 24 tháng.\n")
    pieces = split_structure(text)
    clause = next(p for p in pieces if p.locator == "Điều 6 › Khoản 1")
    assert clause.heading_path[0] == ("Điều 6. Quy định về giải pháp xử lý đối với cơ sở thuộc loại hình kho chứa "
                                      "và công trình chế biến sản phẩm dầu mỏ")
    assert text[clause.start:clause.end].startswith("1. Người đứng đầu")


def test_an_article_heading_wrapped_after_its_first_word_opens_the_article():
    """As saved (Quyết định 165/2025/QĐ-UBND of Ninh Bình, tests/data/halves): "**Điều" alone on a line, its number
    and title below; each such article was read as more clauses of the one above it. "Điều" / "tra, …" (the word
    "Điều tra" wrapped) opens nothing."""
    text = ("Điều 8. Nguyên tắc\n\n1. Chữ ký số chuyên dùng công vụ.\n\nĐiều 9. Điều kiện áp dụng\n\n"
            "1. Gửi, nhận văn bản yêu cầu chứng thực.\n\n2. Việc gửi hồ sơ được thực hiện thông qua Hệ thống.\n\nĐiều\n"
            "10. Yêu cầu chứng thực đối với Chứng thư chữ ký số\n\n1. Cấp mới Chứng thư chữ ký số cho cá nhân.\n\n"
            "2. Điều\ntra, khảo sát thu thập số liệu.\n")
    pieces = split_structure(text)
    assert [p.locator for p in pieces][-4:] == ["Điều 9 › Khoản 1", "Điều 9 › Khoản 2", "Điều 10 › Khoản 1",
                                                "Điều 10 › Khoản 2"]
    assert pieces[-2].heading_path[0] == "Điều 10. Yêu cầu chứng thực đối với Chứng thư chữ ký số"
    assert text[pieces[-1].start:pieces[-1].end] == "2. Điều\ntra, khảo sát thu thập số liệu."


def test_a_saved_regulations_articles_are_all_read():
    from ingest.pipeline import load_document

    from .conftest import ROOT
    doc = load_document(str(ROOT / "tests/data/halves/051c596134cabb79.md"))
    articles = {c.locator.split(" › ")[1] for c in doc.chunks if c.locator.startswith("Quy chế › Điều")}
    assert {f"Điều {n}" for n in range(4, 22)} <= articles
    assert not any(c.locator.startswith("Quy chế › Điều 9 › Khoản 5") for c in doc.chunks)


# The annex of Quyết định 2109/QĐ-BXD (../shared/real/docs/da8411114c03e36b.md), two of its procedures as
# printed, shortened inside: the first one's form ends with its own "Nơi nhận … ĐẠI DIỆN CƠ QUAN (Ký …)"
# block, and the annex goes on with the next procedure. That block closes the form, not the annex.
ANNEX_WITH_FORM = """**PHẦN II. NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH NỘI BỘ
THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA BỘ XÂY DỰNG**

**I. THỦ TỤC
HÀNH CHÍNH NỘI BỘ ĐƯỢC SỬA ĐỔI, BỔ SUNG**** **

**A. THỦ TỤC
HÀNH CHÍNH NỘI BỘ CẤP TRUNG ƯƠNG**

**1. Quyết
định chủ trương đầu tư dự án đầu tư xây dựng nhà ở công vụ thuộc cơ quan trung
ương quản lý**

**- **Trình tự thủ tục thực
hiện

+** **Bộ Xây dựng giao cho
cơ quan quản lý nhà ở trực thuộc chuẩn bị tờ trình, hồ sơ theo quy định tại khoản
2 Điều 15 Nghị định 144/2025/NĐ-CP.

(Tên cơ quan) trình (cơ quan quyết
định chủ trương đầu tư dự án đầu tư xây dựng hoặc mua nhà ở thương mại làm nhà ở
công vụ) xem xét, quyết định.

* *

|
Nơi nhận:
- Như trên;
- Các cơ quan liên quan khác;
- Lưu:....
|
**ĐẠI DIỆN CƠ
QUAN**
*(Ký, ghi rõ họ tên, chức vụ và đóng dấu)*
|


**2. Quyết
định đầu tư và quyết định chủ đầu tư dự án đầu tư xây dựng nhà ở công vụ thuộc
cơ quan trung ương quản lý**

- Trình tự thủ tục thực hiện

+ Bộ Xây dựng giao đơn vị trực
thuộc được giao quản lý nhà ở lập hồ sơ theo quy định, tổ chức thẩm định Báo
cáo nghiên cứu khả thi dự án theo quy định của pháp luật xây dựng.
"""


def test_a_forms_signature_block_does_not_close_the_annex():
    doc = parse_text(ANNEX_WITH_FORM, "qd2109_phuluc.md")
    holding = [c for c in doc.chunks if "Bộ Xây dựng giao đơn vị" in c.text]
    assert holding, [c.locator for c in doc.chunks]
    assert not any("Nơi nhận" in " ".join(c.heading_path) for c in holding)
    assert any(c.text.lstrip().startswith("Nơi nhận") for c in doc.chunks)  # the form's block is still one


def test_a_documents_own_signature_still_closes_it():
    text = "1. Giao Sở Tài chính chủ trì.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n"
    pieces = split_structure(text)
    assert pieces[-1].kind == "closing" and text[pieces[-1].start:pieces[-1].end].endswith("Nguyễn Văn A")


def test_a_dispatchs_numbered_points_are_its_sections():
    # Công điện 228/CĐ-TTg has no "I." parts: its "1. Bộ Tài chính chủ trì …" / "a) …" points
    # were all read as one "Phần mở đầu", losing which ministry heads each point.
    from ingest.pipeline import load_document

    from .conftest import ROOT

    doc = load_document(ROOT / "tests/data/real/44aeb2fd86d07d4a.md")
    locs = [c.locator for c in doc.chunks if c.kind != "closing" and c.kind != "signature"]
    assert locs[-7:] == ["1 › a)", "1 › b)", "1 › c)", "2", "3", "4", "5"]
    assert locs[:-7] == ["Phần mở đầu"] * 3  # letterhead, recipients, the opening paragraph
    b = next(c for c in doc.chunks if c.locator == "1 › b)")
    assert b.heading_path[0] == "1. Bộ Tài chính chủ trì, phối hợp với các bộ, địa phương liên quan"
    assert b.text.startswith("b) Chỉ đạo Bảo hiểm xã hội Việt Nam")
    three = next(c for c in doc.chunks if c.locator == "3")
    assert three.text.startswith("3. Bộ Nội vụ theo chức năng")


def test_a_roman_part_still_owns_the_numbers_under_it():
    text = "Mở đầu.\n1. Điểm một\n2. Điểm hai\nI. PHẦN MỘT\n1. Mục một\na) ý a\n2. Mục hai\n"
    assert [p.locator for p in split_structure(text)] == ["Phần mở đầu", "1", "2", "Mục I › 1 › a)", "Mục I › 2"]


def test_sub_points_nest_between_points_and_letters():
    # Công văn 4085/UBND-ĐT of Hồ Chí Minh City: "1.1. Giao Sở Nông nghiệp và Môi trường" names
    # who does the task under it; a Hà Nội plan puts a) b) c) under each "1.1." / "1.2."
    text = ("Mở đầu.\n1. Về dữ liệu số nhà\n1.1. Giao Sở Nông nghiệp\nvà Môi trường\nKhẩn trương chia sẻ.\n"
            "1.2. Giao Công an Thành\nphố\na) Nhiệm vụ: rà soát.\nb) Cơ quan thực hiện: Công an.\n"
            "1.5 tỷ đồng không phải tiêu đề\n2. Về tổ chức thực hiện\n")
    pieces = split_structure(text)
    assert [p.locator for p in pieces] == ["Phần mở đầu", "1 › 1.1", "1 › 1.2 › a)", "1 › 1.2 › b)", "2"]
    assert pieces[1].heading_path == ["1. Về dữ liệu số nhà", "Giao Sở Nông nghiệp và Môi trường"]
    assert text[pieces[3].start:pieces[3].end].endswith("1.5 tỷ đồng không phải tiêu đề")


def test_a_letter_quoting_a_decree_keeps_the_decrees_points_out_of_its_sections():
    text = ("Trả lời Công ty, Thuế tỉnh có ý kiến như sau:\n+ Tại Điều 1 quy định:\n“Điều 1. Giảm thuế\n"
            "1. Giảm thuế đối với hàng hóa\na) Viễn thông\n2. Mức giảm\na) Áp dụng thuế suất 8%.”\n"
            "Căn cứ quy định trên, Công ty thực hiện.\n1. Về thuế suất: áp dụng 8%.\n2. Về hóa đơn: lập đúng.\n")
    pieces = split_structure(text)
    assert [p.locator for p in pieces] == ["Phần mở đầu", "1", "2"]
    assert "thuế suất 8%.”\nCăn cứ" in text[pieces[0].start:pieces[0].end]
    # a “ never closed quotes nothing
    assert [p.locator for p in split_structure("Mở đầu “trích\n1. Một\n2. Hai\n")] == ["Phần mở đầu", "1", "2"]
