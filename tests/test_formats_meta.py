"""Metadata of Word and PDF files read as from the crawled text: a signing block cut by a page break, a
signer's name run into its title, a number wrapped at its hyphen, the motto wrapped between the letterhead's
lines, a kind heading beside the date or run into its title, a letter's recipient.

The files are real 2025 documents of ``../shared/real/docs`` as ``bench/render_office.py`` writes them (the
Word file, LibreOffice's PDF of it, pages cut with pypdf; see ``tests/data/README.md``); every expected value
was checked by hand against the crawled page and the file (``bench/formats_qa2_tune_expected.json``).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import load_document

DATA = Path(__file__).parent / "data" / "formats"


def _meta(name: str):
    return load_document(DATA / name).meta


@pytest.mark.parametrize("name, signer, title", [
    # Thông báo 624/TB-VPCP: "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM" ends page 8, the name opens page 9
    # beside the rest of the recipients ("Hồ Đức Phớc, Nguyễn Chí    Phạm Mạnh Cường")
    ("vpcp-tb624-signature-over-page-break.pdf", "Phạm Mạnh Cường", "KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM"),
    # Quyết định 02124/QĐ-UBND of Đắk Lắk: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" at the foot of page 2
    ("dak-lak-qd2124-signature-over-page-break.pdf", "Trương Công Thái", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"),
])
def test_a_signing_block_cut_by_a_page_break_gives_its_signer(name, signer, title):
    meta = _meta(name)
    assert (meta.signer, meta.signer_title) == (signer, title)


def test_a_number_wrapped_at_its_hyphen_and_a_signer_run_into_the_title():
    """Nghị định 25/2025/NĐ-CP: the crawled page's table residue flattened into paragraphs, so the PDF prints
    "… | Số: 25/2025/NĐ-" / "CP | Hà Nội, ngày 21 …" and "… (02b). | KT. THỦ TƯỚNG PHÓ THỦ" / "TƯỚNG
    Nguyễn Hòa Bình |"."""
    meta = _meta("nd25-2025-number-and-signer-wrapped.pdf")
    assert (meta.number, meta.date, meta.issuer) == ("25/2025/NĐ-CP", "2025-02-21", "Chính phủ")
    assert (meta.signer, meta.signer_title) == ("Nguyễn Hòa Bình", "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG")


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_a_heading_beside_the_date_and_the_motto_wrapped_between_the_letterhead(ext):
    """Công điện 228/CĐ-TTg: the letterhead table's second row holds number, date and "CÔNG ĐIỆN" side by
    side; the PDF gives "THỦ TƯỚNG" / "CỘNG HÒA XÃ" / "CHÍNH PHỦ" / "HỘI CHỦ NGHĨA" one under another, and
    the date wrapped over two lines of its column between the heading and the title."""
    meta = _meta(f"cd228-ttg-heading-beside-the-date.{ext}")
    assert (meta.kind, meta.number, meta.date) == ("Công điện", "228/CĐ-TTg", "2025-11-25")
    assert meta.issuer == "Thủ tướng Chính phủ"
    assert meta.title == ("VỀ VIỆC GIẢI QUYẾT CHÍNH SÁCH, CHI TRẢ CHẾ ĐỘ BẢO HIỂM ĐỐI VỚI NGƯỜI DÂN, DOANH "
                          "NGHIỆP BỊ ẢNH HƯỞNG BỞI MƯA LŨ ĐẶC BIỆT LỚN TẠI KHU VỰC TRUNG BỘ")


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_a_heading_run_into_its_title_under_the_number(ext):
    """Quyết định 2715/QĐ-UBND of Quảng Trị: "QUYẾT ĐỊNH CÔNG BỐ DANH MỤC …" is one paragraph (the PDF wraps
    it over four lines) between the number line and "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"."""
    meta = _meta(f"quang-tri-qd2715-heading-run-into-title.{ext}")
    assert (meta.kind, meta.number, meta.province) == ("Quyết định", "2715/QĐ-UBND", "Quảng Trị")
    assert meta.title == ("CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC BAN HÀNH MỚI HOẶC BỊ BÃI BỎ TRONG LĨNH VỰC "
                          "ĐIỆN LỰC THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND TỈNH VÀ SỞ CÔNG THƯƠNG TỈNH QUẢNG TRỊ")


def test_a_letters_recipient_is_not_its_province():
    """Công văn 5317/CT-CS of the national Cục Thuế, "Kính gửi: Thuế tỉnh Ninh Bình." right under its subject:
    the letter answers Ninh Bình, it is no document of Ninh Bình's."""
    meta = _meta("cuc-thue-cv5317-recipient-province.docx")
    assert (meta.number, meta.issuer, meta.signer) == ("5317/CT-CS", "Cục Thuế", "Phạm Thị Minh Hiền")
    assert meta.province is None


def test_the_ministry_of_industry_and_trade_is_named_as_it_writes_itself():
    from ingest.meta.issuer import body_name

    assert body_name("BỘ CÔNG THƯƠNG") == "Bộ Công Thương"
    assert body_name("SỞ CÔNG THƯƠNG TỈNH AN GIANG") == "Sở Công Thương tỉnh An Giang"
    assert body_name("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH") == "Bộ Văn hóa, Thể thao và Du lịch"


def test_a_signing_block_beside_the_recipients_is_quoted_whole():
    """Công điện 229/CĐ-TTg (Word: "Nơi nhận: …" | "THỦ TƯỚNG / Phạm Minh Chính" in a borderless table):
    who signed is quoted as one block, no recipient between the title and the name."""
    doc = load_document(DATA / "cd229-ttg-signature-beside-recipients.docx")
    start, end = doc.meta.signer_span
    assert doc.text[start:end] == "THỦ TƯỚNG\nPhạm Minh Chính"


def test_a_signing_title_cut_by_a_page_break_is_joined_to_its_name():
    """Công văn 11554/VPCP-V.I, pages 4–5: "KT. BỘ TRƯỞNG, CHỦ" ends page 4 beside "Nơi nhận: - Như trên;",
    "NHIỆM / PHÓ CHỦ NHIỆM / Trịnh Mạnh Linh" open page 5 beside the rest of the recipients. One block, and
    page 5 (all of its text moved up) is not taken for a scan."""
    doc = load_document(DATA / "vpcp-cv11554-signing-title-cut-by-page-break.pdf")
    start, end = doc.meta.signer_span
    assert doc.text[start:end] == "KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nTrịnh Mạnh Linh"
    assert not any("OCR" in w for w in doc.warnings)


def test_a_saved_pages_wrapped_heading_subject_and_authority():
    """Crawled pages (the text every format is checked against): Quyết định 3361/QĐ-BCT prints its heading
    "**QUYẾT" / "ĐỊNH**", its date "*Hà Nội, ngày" / "18 tháng 11 năm 2025*" and its authority "**BỘ" /
    "TRƯỞNG BỘ CÔNG THƯƠNG**"; Công văn 5317/CT-CS its subject "*V/v … phải nộp bổ" / "sung.*"."""
    meta = _meta("bct-qd3361-heading-wrapped.md")
    assert (meta.kind, meta.number, meta.date, meta.issuer) == ("Quyết định", "3361/QĐ-BCT", "2025-11-18",
                                                                "Bộ Công Thương")
    assert meta.title == ("VỀ VIỆC CÔNG BỐ THỦ TỤC HÀNH CHÍNH SỬA ĐỔI, BỔ SUNG BAN HÀNH TRONG LĨNH VỰC XUẤT NHẬP "
                          "KHẨU THUỘC PHẠM VI CHỨC NĂNG QUẢN LÝ CỦA BỘ CÔNG THƯƠNG")
    letter = load_document(DATA.parent / "facts" / "fcd40850adc894a0.md").meta
    assert (letter.kind, letter.title) == ("Công văn", "V/v khoản tiền người sử dụng đất phải nộp bổ sung.")


def test_a_tax_offices_head_signs_as_truong():
    """Công văn 3257/TNI-QLDN1 of Thuế tỉnh Tây Ninh, signed "KT. TRƯỞNG THUẾ TỈNH / PHÓ TRƯỞNG THUẾ TỈNH /
    Nguyễn Tấn Lợi" (the heads of the 2025 tax offices are "Trưởng Thuế tỉnh"), read from its crawled page."""
    meta = load_document(DATA.parent / "facts" / "2249fe89ed46eae5.md").meta
    assert meta.signer == "Nguyễn Tấn Lợi" and meta.signer_title.endswith("PHÓ TRƯỞNG THUẾ TỈNH")


def test_a_signing_title_wrapped_over_lines_and_a_date_with_bold_marks_inside():
    """Quyết định 1760/QĐ-KTNN prints "*Hà Nội, ngày **24** tháng 11 năm" / "202**5*" and signs "**TỔNG KIỂM
    TOÁN NHÀ" / "NƯỚC**" / "**Ngô" / "Văn Tuấn**"; Công văn 5680/CT-CS signs "**TL. CỤC TRƯỞNG**" / "KT. TRƯỞNG
    BAN BAN CHÍNH SÁCH," / "THUẾ QUỐC TẾ" / "Nguyễn Thị Thanh Hằng": the wrapped ends go on to the name below."""
    audit = load_document(DATA.parent / "facts" / "e5fc434ba0580ac0.md").meta
    assert (audit.number, audit.date, audit.signer, audit.signer_title) == (
        "1760/QĐ-KTNN", "2025-11-24", "Ngô Văn Tuấn", "TỔNG KIỂM TOÁN NHÀ NƯỚC")
    tax = load_document(DATA.parent / "facts" / "e3cc96834c0a575f.md").meta
    assert (tax.signer, tax.signer_title) == ("Nguyễn Thị Thanh Hằng",
                                              "TL. CỤC TRƯỞNG KT. TRƯỞNG BAN BAN CHÍNH SÁCH, THUẾ QUỐC TẾ")
