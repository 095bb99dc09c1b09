"""extract_metadata: both shipped plans field by field, the official layouts, and edge cases."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.meta.metadata import extract_metadata
from ingest.model import DocMeta
from ingest.readers.legacy import encode_tcvn3
from ingest.readers.registry import read_file

try:
    from fixtures_build import build_docx
except ImportError:  # tests/ collected as a package
    from tests.fixtures_build import build_docx

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load(path: Path) -> str:
    return read_file(path)[0]


@pytest.fixture(scope="module")
def an_giang():
    text = load(ROOT / "corpus" / "000_b12ca13682d2ba48.txt")
    return text, extract_metadata(text)


@pytest.fixture(scope="module")
def kon_tum():
    text = load(ROOT / "corpus" / "003_b0b2af87bc78f8d3.txt")
    return text, extract_metadata(text)


# --- the shipped plans ---------------------------------------------------------------

def test_an_giang(an_giang):
    text, m = an_giang
    assert m.kind == "Kế hoạch"
    assert m.number == "422/KH-UBND"  # from the appendix caption "số  422 /KH-UBND"
    assert m.date == "2025-04-15"  # "ngày 15/ 4 /2025"
    assert m.issuer == "Ủy ban nhân dân tỉnh An Giang"
    assert m.province == "An Giang"
    assert m.title.startswith("Triển khai thực hiện Nghị quyết số 68/NQ-CP ngày 09 tháng 5 năm 2024 của Chính phủ")
    assert "Nghị quyết số 42-NQ/TW ngày 24 tháng 11 năm 2023" in m.title  # wrap "42-\nNQ/TW" re-joined
    assert m.title.endswith("trong giai đoạn mới") and "\n" not in m.title and "Căn cứ" not in m.title
    assert m.signer == "Lê Văn Phước"
    assert m.signer_title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert sorted(m.implements) == sorted(["Nghị quyết số 42-NQ/TW", "Nghị quyết số 68/NQ-CP",
                                           "Chương trình hành động số 30-CTr/TU"])
    s, e = m.signer_span
    assert text[s:e] == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn Phước"
    assert m.display_name() == "Kế hoạch 422/KH-UBND ngày 15/4/2025 của UBND tỉnh An Giang"


def test_kon_tum(kon_tum):
    text, m = kon_tum
    assert m.kind == "Kế hoạch"
    assert m.number is None  # "Kế hoạch số:          /KH-UBND": not numbered yet
    assert m.date == "2024"  # "ngày     tháng     năm 2024"
    assert m.issuer == "Ủy ban nhân dân tỉnh Kon Tum"
    assert m.province == "Kon Tum"
    assert m.title.startswith("Triển khai thực hiện Nghị quyết số 68/NQ-CP ngày 09 tháng 5 năm 2024 của Chính phủ "
                              "và Chương trình số 81-CTr/TU")
    assert m.title.endswith("trong giai đoạn mới”")
    assert m.signer == "Y Ngọc"
    assert m.signer_title == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert m.implements == ["Nghị quyết số 68/NQ-CP", "Chương trình số 81-CTr/TU", "Nghị quyết số 42-NQ/TW"]
    s, e = m.signer_span
    quote = text[s:e]
    assert quote.startswith("TM. UỶ BAN NHÂN DÂN") and quote.endswith("Y Ngọc") and "PHÓ CHỦ TỊCH" in quote
    assert m.display_name() == "Kế hoạch năm 2024 của UBND tỉnh Kon Tum"


# --- the fixtures in the official layout ---------------------------------------------------

def test_thong_tu_official_layout():
    text = load(FIXTURES / "thong_tu_official.txt")
    m = extract_metadata(text)
    assert (m.kind, m.number, m.date, m.issuer) == ("Thông tư", "08/2025/TT-BYT", "2025-03-07", "Bộ Y tế")
    assert m.province is None  # "Hà Nội, ngày …" is where the ministry sits, not what it is about
    assert m.title == "Quy định về tiêm chủng mở rộng cho trẻ em dưới 5 tuổi và phụ nữ có thai tại các cơ sở y tế"
    assert (m.signer, m.signer_title) == ("Trần Minh Khoa", "KT. BỘ TRƯỞNG THỨ TRƯỞNG")
    assert m.implements == ["Luật Khám bệnh, chữa bệnh số 15/2023/QH15", "Nghị định số 95/2022/NĐ-CP",
                            "Quyết định số 1234/QĐ-TTg"]
    s, e = m.signer_span
    assert text[s:e].startswith("KT. BỘ TRƯỞNG") and text[s:e].endswith("Trần Minh Khoa")


def test_law():
    text = load(FIXTURES / "luat_fixture.txt")
    m = extract_metadata(text)
    assert (m.kind, m.title, m.issuer, m.number) == ("Luật", "Du lịch", "Quốc hội", "09/2017/QH14")
    assert m.date == "2017-06-19"  # "thông qua ngày 19 tháng 6 năm 2017"
    assert (m.signer, m.signer_title) == ("Nguyễn Thị Kim Ngân", "CHỦ TỊCH QUỐC HỘI")
    assert m.province is None and m.implements == []


def test_quyet_dinh_of_a_province():
    text = load(FIXTURES / "quyet_dinh_official.txt")
    m = extract_metadata(text)
    assert (m.kind, m.number, m.date) == ("Quyết định", "1234/QĐ-UBND", "2024-05-20")
    assert (m.issuer, m.province) == ("Ủy ban nhân dân tỉnh Khánh Hòa", "Khánh Hòa")
    assert m.title == ("Về việc ban hành Kế hoạch thực hiện Nghị quyết số 68/NQ-CP ngày 09 tháng 5 năm 2024 "
                       "của Chính phủ trên địa bàn tỉnh Khánh Hòa")
    # the authority line "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" is not mistaken for the signature
    assert (m.signer, m.signer_title) == ("Trần Văn Bình", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH")
    s, e = m.signer_span
    assert text[s:e].startswith("TM. ỦY BAN NHÂN DÂN") and text[s:e].endswith("Trần Văn Bình")
    assert m.implements == ["Nghị quyết số 68/NQ-CP", "Nghị quyết số 42-NQ/TW", "Chương trình số 15-CTr/TU",
                            "Tờ trình số 210/TTr-SLĐTBXH"]


# --- edge cases -------------------------------------------------------------------------

HEADER = ("UBND TỈNH AN GIANG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "SỞ Y TẾ                     Độc lập - Tự do - Hạnh phúc\n"
          "Số:      /KH-SYT            An Giang, ngày     tháng    năm 2025\n\n")


def test_blank_number_two_level_issuer_year_only():
    m = extract_metadata(HEADER + "KẾ HOẠCH\nPhòng, chống dịch bệnh năm 2025\n\nCăn cứ Luật Phòng bệnh;\n")
    assert m.number is None and m.date == "2025"
    assert m.issuer == "Sở Y tế tỉnh An Giang" and m.province == "An Giang"
    assert m.title == "Phòng, chống dịch bệnh năm 2025"


def test_law_name_on_its_own_line_and_ministry_names():
    m = extract_metadata("QUỐC HỘI\nLuật số: 15/2023/QH15\n\nLUẬT\nKHÁM BỆNH, CHỮA BỆNH\n\nCăn cứ Hiến pháp;\n")
    assert (m.kind, m.title, m.issuer) == ("Luật", "Khám bệnh, chữa bệnh", "Quốc hội")
    m = extract_metadata("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\nSố: 01/2024/TT-BLĐTBXH\n\nTHÔNG TƯ\nHướng dẫn\n")
    assert m.issuer == "Bộ Lao động - Thương binh và Xã hội" and m.province is None


def test_cong_van_without_heading():
    text = ("ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH KON TUM                 Độc lập - Tự do - Hạnh phúc\n"
            "Số: 356/UBND-KGVX            Kon Tum, ngày 05 tháng 02 năm 2024\n"
            "V/v triển khai Nghị quyết số 68/NQ-CP\n\nKính gửi: Các sở, ban, ngành.\n")
    m = extract_metadata(text)
    assert (m.kind, m.number, m.date) == ("Công văn", "356/UBND-KGVX", "2024-02-05")
    assert m.title == "V/v triển khai Nghị quyết số 68/NQ-CP"
    assert (m.issuer, m.province) == ("Ủy ban nhân dân tỉnh Kon Tum", "Kon Tum")


def test_nothing_known():
    m = extract_metadata("Một đoạn văn bản ngắn không có tiêu đề.\n")
    assert (m.kind, m.number, m.date, m.issuer, m.signer, m.signer_span) == (None,) * 6
    assert m.implements == [] and m.display_name() == "Văn bản"


def test_implements_joins_wraps_and_skips_own_number():
    text = ("KẾ HOẠCH\nThực hiện Nghị quyết số 42-\nNQ/TW và Quyết định số 435/QĐ-\nTTg\n\n"
            "Căn cứ Nghị\nquyết số 68/NQ-CP; Nghị quyết số 42-NQ/TW;\n\nI. MỤC ĐÍCH\n"
            "Nghị quyết số 99/NQ-CP ở phần thân không tính.\n"
            "(kèm theo Kế hoạch số 12/KH-UBND ngày 1/2/2025 của UBND tỉnh Gia Lai)\n")
    m = extract_metadata(text)
    assert m.implements == ["Nghị quyết số 42-NQ/TW", "Quyết định số 435/QĐ-TTg", "Nghị quyết số 68/NQ-CP"]
    assert (m.number, m.date, m.issuer) == ("12/KH-UBND", "2025-02-01", "Ủy ban nhân dân tỉnh Gia Lai")


def test_docx_with_header_table(tmp_path):
    path = build_docx(tmp_path / "qd.docx", [], [
        ["ỦY BAN NHÂN DÂN\nTỈNH AN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
        ["Số: 422/KH-UBND", "An Giang, ngày 15 tháng 4 năm 2025"],
    ], ["KẾ HOẠCH", "Triển khai thực hiện Nghị quyết số 68/NQ-CP", "", "Căn cứ Nghị quyết số 42-NQ/TW;"])
    m = extract_metadata(read_file(path)[0])
    assert (m.kind, m.number, m.date) == ("Kế hoạch", "422/KH-UBND", "2025-04-15")
    assert (m.issuer, m.province) == ("Ủy ban nhân dân tỉnh An Giang", "An Giang")
    assert m.implements == ["Nghị quyết số 68/NQ-CP", "Nghị quyết số 42-NQ/TW"]


def test_tcvn3_file_reads_into_metadata(tmp_path):
    source = (FIXTURES / "quyet_dinh_official.txt").read_text("utf-8")
    path = tmp_path / "old.txt"
    path.write_bytes(encode_tcvn3(source).encode("cp1252"))
    text, _, warnings = read_file(path)
    assert "TCVN3" in warnings[0]
    m = extract_metadata(text)
    assert (m.kind, m.number, m.date, m.province) == ("Quyết định", "1234/QĐ-UBND", "2024-05-20", "Khánh Hòa")
    assert m.signer == "Trần Văn Bình"


def test_issuer_from_signature_and_province_from_body():
    text = ("Báo cáo tình hình thực hiện chính sách xã hội trên địa bàn tỉnh Gia Lai.\n"
            "Thực hiện Nghị quyết số 68/NQ-CP, tỉnh Gia Lai đã triển khai nhiều giải pháp.\n"
            "Các huyện của tỉnh Gia Lai và tỉnh Kon Tum phối hợp.\n\n"
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n(Đã ký)\n\nNguyễn Văn An\n")
    m = extract_metadata(text)
    assert m.number is None  # "số 68/NQ-CP" in prose is not the document's number
    assert (m.signer, m.signer_title) == ("Nguyễn Văn An", "CHỦ TỊCH")
    assert (m.province, m.issuer) == ("Gia Lai", "Ủy ban nhân dân tỉnh Gia Lai")


def test_kind_from_number_and_glued_header_cell():
    m = extract_metadata("BỘ Y TẾ Số: 15/2024/TT-BYT  Hà Nội, ngày 3 tháng 2 năm 2024\n\nQuy định chung\n")
    assert (m.kind, m.number, m.issuer, m.date) == ("Thông tư", "15/2024/TT-BYT", "Bộ Y tế", "2024-02-03")


def test_number_found_below_a_saved_pages_blanked_lines():
    """A saved web page blanks its chrome into runs of thousands of spaces above the header."""
    blanks = "".join(" " * (40 + i % 300) + "\n" for i in range(60))
    m = extract_metadata(blanks + HEADER.replace("Số:      /KH-SYT", "Số:   15/KH-SYT") + "KẾ HOẠCH\nPhòng, chống dịch\n")
    assert m.number == "15/KH-SYT" and m.kind == "Kế hoạch"


def test_a_peoples_councils_resolution_is_named_as_the_councils():
    # Hà Nội 71/2025/NQ-HĐND (saved from the legal site): was "… của UBND thành phố Hà Nội"
    from ingest.pipeline import load_document

    doc = load_document(Path(__file__).parent / "data" / "real" / "58afeb4af978fe53.md")
    assert doc.meta.issuer == "Hội đồng nhân dân thành phố Hà Nội"
    assert doc.name == "Nghị quyết 71/2025/NQ-HĐND ngày 27/11/2025 của HĐND thành phố Hà Nội"
    central = DocMeta(kind="Thông báo", number="37691/TB-CHQ", issuer="Cục Hải quan", province="Hà Nội")
    assert central.display_name() == "Thông báo 37691/TB-CHQ của Cục Hải quan"  # "Hà Nội, ngày …" is no issuer


def test_a_letterhead_wrapped_inside_ubnd_names_the_committee():
    from ingest.text.page_view import reading_view

    # the letterhead of Công văn 4085/UBND-ĐT of Hồ Chí Minh City, as the site saved it
    text = ("**ỦY\nBAN NHÂN DÂN**\nTHÀNH PHỐ HỒ CHÍ MINH\n--------\n|\n**CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
            "Độc lập - Tự do - Hạnh phúc\n|\nSố: 4085/UBND-ĐT\n*V/v rà soát và chuẩn hóa dữ liệu số nhà*\n|\n"
            "Kính gửi: Sở Xây dựng.\n")
    assert extract_metadata(reading_view(text)).issuer == "Ủy ban nhân dân thành phố Hồ Chí Minh"
    motto_wrapped = "**BỘ TÀI CHÍNH**\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM**\nSố: 17986/BTC-CT\n"
    assert extract_metadata(reading_view(motto_wrapped)).issuer == "Bộ Tài chính"
    chair = "**CHỦ TỊCH ỦY\nBAN NHÂN DÂN**\nTỈNH ĐỒNG THÁP\n--------\n|\nSố: 144/2025/QĐ-CTUBND\n"  # 144/2025/QĐ-CTUBND
    assert extract_metadata(reading_view(chair)).issuer == "Chủ tịch ủy ban nhân dân tỉnh Đồng Tháp"
    # the provincial tax office under the General Department (Công văn 3257/TNI-QLDN1): the lower body issues
    tax = "CỤC THUẾ\n**THUẾ TỈNH TÂY NINH**\n--------\n|\nSố: 3257/TNI-QLDN1\n"
    assert extract_metadata(reading_view(tax)).issuer == "Thuế tỉnh Tây Ninh"


def test_a_rank_before_the_signers_name():
    # the Ministry of Defence signs "Thượng tướng Vũ Hải Sản" (Thông tư 127/2025/TT-BQP): the rank is no part of
    # the name, but of the signing block the citation quotes
    text = ("BỘ QUỐC PHÒNG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Số: 127/2025/TT-BQP    Hà Nội, ngày 19 tháng 11 năm 2025\n\nTHÔNG TƯ\nBãi bỏ Quyết định số 181/2006/QĐ-BQP\n\n"
            "Điều 1. Bãi bỏ.\n\nNơi nhận:\n- Như Điều 3;\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nThượng tướng Vũ Hải Sản\n")
    m = extract_metadata(text)
    assert (m.signer, m.signer_title) == ("Vũ Hải Sản", "KT. BỘ TRƯỞNG THỨ TRƯỞNG")
    s, e = m.signer_span
    assert text[s:e].endswith("Thượng tướng Vũ Hải Sản")
