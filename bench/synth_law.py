"""Legal texts in the Chương / Điều / Khoản / Điểm layout, made up but checkable.

    text, facts = make_law(7, seed=1)
    facts[0] → {"q": "Theo Luật Quản lý nhà ở xã hội số 107/2024/QH15, thời hạn … bao nhiêu ngày làm việc?",
                "expect": [["21"]], "cite": "21 ngày làm việc", "locator": "Điều 6 › Khoản 1", ...}

Each law has its own name (field × subject, so hundreds are distinct) and its own
figures (deadlines, percentages, fines) drawn from a seeded generator, so a question
names one law and has one right answer. The prose is boilerplate on purpose: it
gives the index the bulk and the repetitiveness of real legal texts.
"""
from __future__ import annotations

import random

FIELDS = [
    "nhà ở xã hội", "nước sạch nông thôn", "bảo trợ xã hội", "giáo dục nghề nghiệp", "y tế cơ sở",
    "bảo hiểm thất nghiệp", "phòng chống thiên tai", "chăm sóc người cao tuổi", "trẻ em có hoàn cảnh đặc biệt",
    "giảm nghèo bền vững", "việc làm công", "văn hóa cơ sở", "thông tin cơ sở", "an toàn thực phẩm",
    "tiêm chủng mở rộng", "phổ cập giáo dục", "người khuyết tật", "lao động nữ", "dân tộc thiểu số",
    "nông thôn mới", "vệ sinh môi trường", "thu gom nước thải", "chuyển đổi số", "trợ giúp pháp lý",
    "phát thanh truyền hình", "đào tạo nghề", "khám chữa bệnh", "dân số", "người có công", "bình đẳng giới",
]
SUBJECTS = [
    "Quản lý", "Hỗ trợ", "Phát triển", "Bảo đảm", "Tổ chức thực hiện", "Đầu tư", "Kiểm tra, giám sát",
    "Tài chính cho", "Điều phối", "Khuyến khích", "Thanh tra", "Xã hội hóa", "Quy hoạch", "Ứng dụng công nghệ trong",
    "Phối hợp liên ngành về", "Đánh giá", "Cung cấp dịch vụ", "Hợp tác quốc tế về", "Thi đua khen thưởng về",
    "Truyền thông về",
]
CHAPTERS = ["QUY ĐỊNH CHUNG", "QUYỀN VÀ NGHĨA VỤ", "TRÌNH TỰ, THỦ TỤC", "TÀI CHÍNH", "KIỂM TRA, THANH TRA",
            "XỬ LÝ VI PHẠM", "TRÁCH NHIỆM CỦA CƠ QUAN NHÀ NƯỚC", "ĐIỀU KHOẢN THI HÀNH"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
FILLER = [
    "Cơ quan, tổ chức, cá nhân có liên quan có trách nhiệm phối hợp thực hiện theo chức năng, nhiệm vụ được giao.",
    "Việc thực hiện phải bảo đảm công khai, minh bạch, đúng đối tượng và đúng quy định của pháp luật.",
    "Ủy ban nhân dân cấp tỉnh hướng dẫn chi tiết việc tổ chức thực hiện trên địa bàn.",
    "Kinh phí thực hiện được bố trí từ ngân sách nhà nước và các nguồn hợp pháp khác.",
    "Định kỳ hằng năm, cơ quan chủ trì tổng hợp, báo cáo kết quả thực hiện cho cơ quan cấp trên.",
    "Hồ sơ, giấy tờ được lưu trữ theo quy định của pháp luật về lưu trữ.",
]


def law_name(index: int) -> str:
    """Distinct for the first len(FIELDS) * len(SUBJECTS) = 600 indexes."""
    field = FIELDS[index % len(FIELDS)]
    subject = SUBJECTS[(index // len(FIELDS)) % len(SUBJECTS)]
    return f"{subject} {field}"


def make_law(index: int, seed: int = 1, articles_per_chapter: int = 5) -> tuple[str, list[dict]]:
    """The text of law number ``index`` and its facts (question, expected figure, where)."""
    rng = random.Random(f"{seed}:law:{index}")
    name = law_name(index)
    number = f"{100 + index}/2024/QH15"
    days = rng.randint(5, 45)
    share = rng.randint(11, 89)
    fine_lo = rng.randint(2, 30)
    fine_hi = fine_lo + rng.randint(5, 40)
    years = rng.randint(2, 10)
    special = [  # (chapter, clause text, question, expected, cite phrase)
        (2, f"Thời hạn giải quyết hồ sơ đề nghị hỗ trợ {name.lower()} là {days} ngày làm việc "
            "kể từ ngày nhận đủ hồ sơ hợp lệ.",
         f"Theo Luật {name} số {number}, thời hạn giải quyết hồ sơ đề nghị hỗ trợ là bao nhiêu ngày làm việc?",
         [[str(days)]], f"{days} ngày làm việc"),
        (3, f"Ngân sách trung ương hỗ trợ tối đa {share}% tổng kinh phí thực hiện {name.lower()} "
            "đối với địa phương chưa tự cân đối được ngân sách.",
         f"Luật {name} số {number} cho phép ngân sách trung ương hỗ trợ tối đa bao nhiêu phần trăm kinh phí?",
         [[str(share)]], f"tối đa {share}%"),
        (5, f"Phạt tiền từ {fine_lo} triệu đồng đến {fine_hi} triệu đồng đối với hành vi "
            f"cản trở hoạt động {name.lower()}.",
         f"Mức phạt tiền đối với hành vi cản trở hoạt động theo Luật {name} số {number} là bao nhiêu?",
         [[str(fine_lo)], [str(fine_hi)]], f"{fine_lo} triệu đồng đến {fine_hi} triệu đồng"),
        (7, f"Chương trình {name.lower()} được rà soát, đánh giá tổng thể sau mỗi {years} năm thực hiện.",
         f"Theo Luật {name} số {number}, chương trình được đánh giá tổng thể sau mỗi bao nhiêu năm?",
         [[str(years)]], f"sau mỗi {years} năm"),
    ]
    lines = ["QUỐC HỘI                                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "--------                                 Độc lập - Tự do - Hạnh phúc",
             f"Luật số: {number}", "", f"LUẬT {name.upper()}", "",
             "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
             f"Quốc hội ban hành Luật {name}.", ""]
    facts = []
    article = 0
    for ch, title in enumerate(CHAPTERS):
        lines += [f"Chương {ROMAN[ch]}", title, ""]
        for a in range(articles_per_chapter):
            article += 1
            lines.append(f"Điều {article}. {title.capitalize()} — nội dung {a + 1}")
            clauses = [rng.choice(FILLER) for _ in range(rng.randint(2, 4))]
            if a == 0:
                for chap, text, q, expect, cite in special:
                    if chap == ch:
                        clauses[0] = text
                        facts.append({"q": q, "expect": expect, "cite": cite,
                                      "locator": f"Điều {article} › Khoản 1", "law": number})
            for k, clause in enumerate(clauses, 1):
                if k == len(clauses) and rng.random() < 0.5:
                    lines.append(f"{k}. Các trường hợp sau đây được áp dụng:")
                    lines += [f"{chr(97 + i)}) {rng.choice(FILLER)}" for i in range(rng.randint(2, 3))]
                else:
                    lines.append(f"{k}. {clause}")
            lines.append("")
    lines += [f"Luật này có hiệu lực thi hành từ ngày 01 tháng {1 + index % 12:02d} năm 2026.", "",
              "CHỦ TỊCH QUỐC HỘI", "", "Trần Thanh Mẫn", ""]
    return "\n".join(lines), facts
