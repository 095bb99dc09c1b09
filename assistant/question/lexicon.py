"""Every word list the question side reads, in one place (they had drifted apart in four files).

    question kinds   COMPARE, AGENCY, METADATA, FOLLOW_UP          (assistant.question.question)
    document facts   SIGNER, NUMBER, DATE, ISSUER, EFFECTIVE, REPLACES, VERIFIER,
                     IMPLEMENTS, REPLY, ADDRESSEE, WHICH_DOC        (assistant.question.question.fact_kinds)
    topic words      GENERIC_PHRASES (Vietnamese), EN_STOP (English) (assistant.evidence, .question.english)
    table columns    HEADER_MEANINGS (what a column holds), VALUE_* (what its value looks like),
                     ASK_PARTS, ASK_LEAD_TOO, ASK_TIME_COUNT, ASK_QUANTITY(_NOUN), ASK_TABLE_NAME, ASK_STEP
                     (what is asked of a row)                       (assistant.cell_choice, .table_scoring)
                     ASK_WHO/ASK_PARTNER/ASK_WHEN/ASK_HOW_MUCH/ASK_TOTAL   (assistant.question.question)
    question words   OFFICIAL_TERMS, EN_WORDS, FOLLOW_UP_FILLER      (assistant.question.question)
                     ACCENTLESS_ENGLISH, QUESTION_PAIRS              (assistant.question.accents)
    parts wanted     ASK_DATE, ASK_AGENCY, ASK_MONEY, ASK_SHARE, COUNTED_*; what a sentence states: STATED_*, BODY,
                     DUTY_HEAD, LABEL_KINDS                         (assistant.question.wanted)
    named, not asked DOC_REF (a document's number), AGENCY_HEAD, NAMED_KINDS, KIND_NAMED, ASK_SUBMISSION,
                     ASK_CITED_NUMBER, CITED_KINDS
                                                                    (assistant.evidence, .scoring, .answers, .question.read)

Patterns on *folded* text (no accents, đ→d, lower case) are marked so; the rest match
Vietnamese as written. A word added here changes every stage that reads it, on purpose.
"""
from __future__ import annotations

import re

# ---- question kinds (folded) --------------------------------------------------------------
# (two values asked "respectively" are set side by side: "… ở đô thị và ở miền núi lần lượt là bao nhiêu?")
COMPARE = re.compile(r"\b(so sanh|compare|comparison|versus|vs\.?|khac nhau|difference|lan luot|respectively|chenh nhau)\b"
                     r"|\bso voi\b.*\b(nhu the nao|ra sao|the nao)\b")  # "A so với B như thế nào?"
AGENCY = re.compile(r"\b(co quan nao|so nao|don vi nao|ai chiu trach nhiem|ai chu tri|which agency|what agency|"
                     r"who is responsible|which department|responsible for|in charge of|lead agency)\b")
METADATA = re.compile(r"\b(so hieu|so ky hieu|ngay ban hanh|ban hanh ngay|ban hanh khi nao|ban hanh vao|ban hanh nam nao|"
                       r"when was .*(issued|signed)|issue date|date of issue|document number|reference number)\b")
FOLLOW_UP = re.compile(r"^(con|va|the con|vay con|what about|and|how about|same for|con o)\b")

# ---- the type of value asked (folded; assistant.question.asked)
ASK_DURATION_VI = re.compile(r"\b(bao lau|thoi han (toi da|bao lau|la bao lau)|trong vong bao lau|(bao nhieu|may) thoi gian|"
                          r"may (ngay|thang|nam)|bao nhieu (ngay|thang|nam|gio|tuan|phut)( lam viec)?)\b")
ASK_DURATION_EN = re.compile(r"\b(how long|how much time|for how many (days|months|years|weeks)|how many (days|months|"
                          r"years|weeks|minutes|hours)|within how many|time limit|validity period)\b")
# ("mấy lần" is how often only by a period: "mấy lần một năm", "mấy lần mỗi quý"; "được chi trả mấy lần" asks a
# count of times, "một (01) lần")
ASK_PERIOD_VI = re.compile(r"\b(dinh ky nao|dinh ky (bao lau|the nao)|bao lau mot lan|may lan (?:(?:trong )?(?:mot|moi|1) |/ ?)"
                           r"(?:nam|thang|quy|tuan|ky)|tan suat)\b")
ASK_PERIOD_EN = re.compile(r"\b(how often|how frequently|what interval|at what intervals?|how regularly|"
                        r"(which|what) frequency)\b")
# (a stage asked is its years: "trong giai đoạn nào?" → "năm 2026 - 2027", "in which period …?" → "2026–2028")
ASK_YEAR_VI = re.compile(r"\b(nam nao|den nam nao|tu nam nao|vao nam nao|moc nam|giai doan nao)\b")
ASK_YEAR_EN = re.compile(r"\b((by|in|from|until) (what|which) year|what year|which year|(in|during|over) (what|which) "
                         r"(period|years|stage|phase))\b")
ASK_COUNT_VI = re.compile(r"\b(bao nhieu|may)\b")
ASK_COUNT_EN = re.compile(r"\b(how many|how much|what\b[^?]{0,40}\b(number|amount|total|rate|percentage|share|minimum|"
                       r"maximum|capacity|reserve|fee|cost|price|level|score|area|tuition|allowance|salary|wage|subsidy|"
                       r"stipend|charges?|norm))\b")

# ---- what a count question counts (assistant.answers.listed) ----------------------------------
# Words after "bao nhiêu / mấy / how many" that measure an amount (or say nothing: "bao nhiêu mỗi buổi")
# rather than name things a list holds:
# "bao nhiêu điểm", "how many days" ask a value, "bao nhiêu tỉnh", "how many procedures" a count of items.
MEASURE_WORDS = set("""
điểm ngày tháng năm giờ tuần phút giây lần đồng triệu tỷ nghìn ngàn phần trăm % ha héc tấn kg km m m2 m3 lít
thời gian tiền kinh phí mức tỷ lệ lượt người suất mẫu cuốn bản hộ giường buổi đợt chỉ tiêu
trong là và của được để so với theo tại thì mỗi một cho khi đối nếu ở từ đến trên dưới tối đa thiểu
days day months month years year hours hour minutes weeks points percent times dong vnd tonnes tons hectares
kilometres kilometers km money time
""".split())

# Words that frame a count ("gồm tất cả bao nhiêu", "tổng cộng", "in total"): they say how the number is
# asked, not which list holds it, so a list is not matched on them.
COUNT_FRAME = set("gồm tất cả tổng cộng đưa ra total altogether all listed".split())

# A list of rows or items asked (folded): "những nhiệm vụ nào Sở X chủ trì", "thủ tục nào có thời hạn dưới 5
# ngày", "which procedures take under 5 days", "which tasks does the Department of Finance lead".
ASK_LIST = re.compile(r"\b(nhung|cac) [a-z ]{2,30}? nao\b"
                      r"|\bnao\b[^?]{0,60}\b(duoi|tren|khong qua|it hon|nhieu hon|toi da|tu) \d"
                      r"|\bwhich [a-z]+s\b[^?]{0,80}\b(under|below|less than|fewer than|more than|over|above|at most|"
                      r"at least|no more than) \d"
                      r"|\bwhich (tasks|duties|procedures|projects|items)\b[^?]{0,80}\b(lead|leads|chair|chairs|in charge)\b"
                      r"|\blist (all|the|every)\b")

# ---- document facts (folded) -----------------------------------------------------------
# "ai ký phê duyệt quyết định công nhận …" asks who approves within a procedure, not who signed the document
SIGNER = re.compile(r"\b(ai ky(?! (phe )?duyet| (ket )?hop dong)|nguoi ky(?! (phe )?duyet| (ket )?hop dong)|ky ban hanh|ky ten|ky thay|who signed|who signs|"
                    r"signed by|signs on behalf|"
                    r"signed on behalf|signatory|signer)\b")
# "số mấy" of the document itself, not of a form, an article or a session ("mẫu số mấy", "kỳ họp thứ mấy")
NUMBER = re.compile(r"\b(so hieu|so ky hieu|document number|what number|reference number|so van ban|what is (its|the) number|"
                    r"which number|numbered)\b|(?<!mau )(?<!dieu )(?<!khoan )(?<!muc )(?<!luc )(?<!diem )\bso may\b")
# about the document's own date only: "by what date must units report" is a clause question
DATE = re.compile(r"\b(ngay ban hanh|ban hanh ngay|ban hanh khi nao|ban hanh vao|ban hanh nam nao|ban hanh thang nao|"
                   # a resolution or law is dated the day it was passed ("được thông qua ngày nào")
                   r"thong qua (vao )?ngay nao|thong qua khi nao|(passed|adopted) (on )?(what|which) (date|day)|"
                   r"(when|what date) was [^?]{0,80}\b(passed|adopted)|"
                   r"ky ngay|ky khi nao|ky vao ngay nao|when was .*(issued|signed)|"
                   r"issue date|date of issue|dated|(signed|issued)\b[^?]{0,30}\b(on )?(what|which) (date|day)|"
                   r"(what|which) (date|day)\b[^?]{0,30}\b(signed|issued)|signed[^?]{0,30}\band when|and when\b[^?]{0,20}\bsigned)\b"
                   # "số mấy, ai ký, ngày nào": a bare "ngày nào" beside another part of the document asked
                   r"|\b(ai ky|so may|so hieu|nguoi ky)\b[^?]{0,40}\bngay nao\b|\bngay nao\b[^?]{0,40}\b(ai ky|nguoi ky|so may)\b"
                   # the same in English, however long the document's name between: "who signed … and on what date"
                   r"|\b(who signed|who signs|signatory|signer|document number)\b[^?]{0,160}\b(and (on )?|on )(what|which) (date|day)\b"
                   r"|\b(who signed|who signs)\b[^?]{0,160}\band when\b")


# "thực hiện nghị quyết nào", "which resolution does … implement"
# "Kế hoạch … thực hiện nghị quyết nào", "which resolution does … plan implement": the plan itself must
# be what implements; "quan hệ lao động được thực hiện theo chương trình nào" is a clause question.
DOCS_EN = (r"(document|documents|resolution|resolutions|programme|programmes|program|programs|decision|decisions|"
           r"directive|law|laws|decree|decrees|circular|circulars)")
IMPLEMENTS = re.compile(r"\b(ke hoach|van ban)\b.*\b(thuc hien|trien khai|cu the hoa)\b.*"  # the kind and its "nào" together:
                         r"\b(nghi quyet|chuong trinh|van ban|chi thi|ke hoach|quyet dinh)(?: \w+){0,3} (nao|gi|so may|so bao nhieu)\b"
                         rf"|\b(which|what)\b.*\b{DOCS_EN}\b.*\b(implement|implements|implementing)\b"
                         rf"|\b(implement|implements|implementing|carry out|carries out|carrying out)\b.*\b(which|what)\b.*\b{DOCS_EN}\b"
                         # what it is based on: "căn cứ luật nào", "based on which decree", "legal basis"
                         r"|\bcan cu (vao )?(luat|nghi dinh|nghi quyet|van ban|quyet dinh|thong tu|nhung van ban|cac van ban) nao\b"
                         r"|\b(based on|on the basis of|pursuant to) (which|what)\b|\blegal basis\b"
                         rf"|\b(which|what)\b.*\b{DOCS_EN}\b.*\bbased on\b")


EFFECTIVE = re.compile(r"\b(co hieu luc (tu |ke tu |thi hanh )?(ngay nao|khi nao|tu khi nao|(tu |ke tu )?thoi diem nao)|"
                        r"hieu luc tu (ngay|thoi diem) nao|"
                        r"ngay co hieu luc|hieu luc thi hanh|take effect|takes effect|come into force|comes into force|"
                        r"in force from|effective date|effective from|(?:from|since) when is .{0,120}? in force|"
                        r"from when (does|do|will) (it|this \w+|the (decision|resolution|decree|circular|plan|letter)) apply)\b")
# A law's coming into force asked of another document that names it (folded): "Theo Kế hoạch ban hành kèm Quyết định
# 2623/QĐ-TTg, Luật Bảo vệ dữ liệu cá nhân có hiệu lực từ ngày nào?", "Under Resolution 388/NQ-CP, from what date will
# the amended Law on Deposit Insurance take effect?" — the law's date, which that document may state, not its own (the
# law after the clause naming the document: "Nghị định 158/2025/NĐ-CP quy định chi tiết Luật … có hiệu lực từ ngày
# nào" asks the decree's own date)
OTHER_LAW_EFFECT = re.compile(r"\b(?:quyet dinh|nghi quyet|nghi dinh|thong tu|ke hoach|cong van|chi thi|decision|"
                              r"resolution|decree|circular|plan|letter)\s+(?:so\s*)?\d[^?,]*,[^?]*\b(?:luat|law)\b[^?]{0,100}"
                              r"\b(?:hieu luc|takes? effect|comes? into force|in force)")
# A time limit counted from the date of effect (folded): "How many days after Decision 2637/QĐ-UBND takes effect does
# the Department have to …", "trong bao nhiêu ngày kể từ ngày Quyết định có hiệu lực": the date is where the count
# starts, not a fact asked of the document
EFFECT_AS_START = re.compile(
    r"\b(?:how (?:many|long)|bao nhieu|bao lau|may)\b[^?]{0,80}\b(?:after|since|from|sau khi|ke tu|tinh tu)\b[^?]{0,60}"
    r"\b(?:takes? effect|comes? into force|co hieu luc)|"
    r"\b(?:after|since|sau khi|ke tu|tinh tu)\b[^?]{0,60}\b(?:takes? effect|comes? into force|co hieu luc)\b[^?]{0,80}"
    r"\b(?:how (?:many|long)|bao nhieu|bao lau|may)\b")
_ACTS = r"(van ban|quyet dinh|nghi quyet|thong tu|nghi dinh|chi thi|ke hoach)"
REPLACES = re.compile(rf"\b((thay the|bai bo)( toan bo| cho)?( cac| nhung)? {_ACTS}( nao| gi)|{_ACTS} nao\b[^?]{{0,60}}\bbi (thay the|bai bo)|"
                      # "thay thế danh mục … tại những quyết định nào": what it replaces of which earlier documents
                      rf"(thay the|bai bo)\b[^?]{{0,60}}\b(tai|cua|trong) (cac |nhung )?{_ACTS} nao|"
                      rf"{_ACTS} nao\b[^?]{{0,80}}\bhet hieu luc|what does (it|the \w+) replace|"
                      r"which .* (does it|it|does the \w+) replace|what does\b[^?]{0,60}\breplace|replaces? which|(was|were|is|are) replaced|replaced by|"
                      r"what (it|does it) replaces?|repeal|repeals|repealed|supersedes?|superseded|annul|annuls|annulled|"
                      r"brings? to an end|(no longer|ceases? to be) in force|"
                      rf"cham dut hieu luc( (cua|doi voi))? (cac |nhung )?{_ACTS} nao)\b")
# "sửa đổi quy định … ban hành kèm theo quyết định nào", "which decision does it amend": what the document amends
AMENDS = re.compile(rf"\b(sua doi(,? bo sung)?\b[^?]{{0,80}}\b(tai|kem theo|cua) (cac |nhung )?{_ACTS} nao|"
                    rf"sua doi(,? bo sung)? (cac |nhung )?{_ACTS} nao|(which|what) (\w+ )?(does|did)\b[^?]{{0,80}}\bamend|"
                    r"amends? (which|what)|amended by (which|what))\b")
# "ban hành theo đề nghị của cơ quan nào", "on whose proposal": the body that proposed the document
PROPOSER = re.compile(r"\b((theo|xet) de nghi cua (\w+ ){0,2}(nao|ai)|(do )?(co quan|bo|so|don vi) nao de nghi|(on|at) (the )?(whose|which \w+'?s?) (proposal|request)|"
                      r"proposal of (which|whom|what)|proposed by (which|whom|what)|(who|which \w+) proposed (it|the)|"
                      # the submission it was issued on, asked by its number: "trên cơ sở tờ trình số mấy"
                      r"to trinh so (may|nao|bao nhieu)|(which|what) submission number|submission number)\b")
# the committee that verified a resolution's draft (folded): "ban nào thẩm tra", "báo cáo thẩm tra của ban nào", "which
# committee issued the verification report" (not "which agency appraises …": a body's duty, "thẩm định")
VERIFIER = re.compile(r"\b((ban|uy ban|co quan) nao\b[^?]{0,40}\btham tra|bao cao tham tra\b[^?]{0,30}\b(ban|uy ban|co quan) nao|"
                      r"(which|what) (committee|board)\b[^?]{0,80}\b(verif\w*|review\w*|examin\w*|apprais\w*)|"
                      r"(verification|examination) report)\b")
# "thông qua tại kỳ họp nào", "at which session": the council's session that passed a resolution
SESSION = re.compile(r"\b(ky hop (nao|thu may|thu bao nhieu|gi)|(at|in|during) (which|what) (session|sitting|meeting)|"
                     r"(which|what) (session|sitting)\b[^?]{0,40}\b(passed|adopted|approved))\b")
# "số mấy" of the submission a decision was issued on, not of the decision ("trên cơ sở tờ trình số mấy")
SUBMISSION_NUMBER = re.compile(r"\bto trinh so (may|nao|bao nhieu)\b")
# a procedure's own legal basis ("thủ tục … căn cứ vào Luật … số mấy", "which decree is the procedure based on"): a
# table row's column, not what the document implements
ROW_BASIS = re.compile(r"\b(thu tuc|procedure)\b[^?]{0,160}\b(can cu|legal basis|based on|pursuant to)\b")
# "cơ quan nào ban hành", "which body issued": the document's own issuer
_DOCS_VI = r"(van ban|quyet dinh|nghi quyet|thong tu|nghi dinh|ke hoach|cong van|cong dien|chi thi|thong bao)"
_DOCS_EN_ISSUED = r"(it|this|the (document|decision|circular|decree|resolution|plan|letter|dispatch|notice)|(decision|circular|decree|resolution|plan|letter|dispatch) \d+)"
ISSUER = re.compile(rf"\b(do (co quan|don vi|ai) nao ban hanh|(co quan|don vi|ai) nao (da )?ban hanh {_DOCS_VI}|co quan ban hanh (la )?(gi|ai|nao)|"
                    rf"(which|what) (body|agency|authority|ministry|office) issued {_DOCS_EN_ISSUED}|who issued {_DOCS_EN_ISSUED}|"
                    r"issuing (body|agency|authority) of)\b")
# "gửi … doanh nghiệp nào", "addressed to whom": a letter's "Kính gửi"
ADDRESSEE = re.compile(r"\b(kinh gui|gui (den|toi|cho) (ai|co quan nao|doanh nghiep nao|cong ty nao|don vi nao)|"
                       r"tra loi (doanh nghiep|cong ty|don vi|co quan|to chuc) nao|"
                       r"addressed to|sent to (whom|which)|in reply to which (company|business|taxpayer))\b")
# "trả lời công văn số nào", "in reply to which letter": the letter this one answers
REPLY = re.compile(r"\b(tra loi (cong van|van ban|to trinh) (so )?(nao|may|gi)|phuc dap (cong van|van ban) nao|"
                   r"(in reply|responds?|responding|answers?|answering|replies|replying) to which (letter|document|dispatch|request))\b")
# "Văn bản nào quy định …", "which document sets out …": the index's own document is asked for. Not
# "quyết định nào" / "nghị quyết nào": those usually ask which document a clause refers to.
WHICH_DOC = re.compile(r"\b(van ban nao (quy dinh|ban hanh|huong dan|de ra|dat ra|neu)|"
                       r"which (document|regulation) (sets|lays|regulates|governs|provides|says)|"
                       r"what (document|regulation) (sets|lays|regulates|governs|provides|says))\b")


# ---- topic words ------------------------------------------------------------------------
# Phrases every question uses; they say nothing about *which* indicator or clause.
# They are cut out of the question before tokenising, and the cut also stops a
# bigram from joining the words on either side of it.
GENERIC_PHRASES = sorted("""
tỷ lệ|mục tiêu|chỉ tiêu|kế hoạch|cơ quan nào|đơn vị nào|sở nào|ai|chủ trì|theo dõi|bao nhiêu|là gì|là bao nhiêu
đến năm|năm|so sánh|khác nhau|giữa|phấn đấu|đạt|của|tại|trong|theo|về|cho biết|hãy|số mấy|mấy|nào|gì
thì sao|còn|và|là|được|có|các|những|này|đó|như thế nào|thế nào|ra sao|mức|được giao
kéo dài|dự kiến|so với
đúng hay sai|có đúng không|đúng không
""".replace("\n", "|").split("|"), key=len, reverse=True)
GENERIC_RX = re.compile(r"(?<![^\W\d_])(" + "|".join(re.escape(p) for p in GENERIC_PHRASES if p) + r")(?![^\W\d_])")

EN_STOP = set("""
what whats is are was the a an of for to in on at by with and or which who whom how much many does do did
target targets goal goals plan plans province provinces year years by s its it this that there their about
say says said tell me please give show set sets level value rate share percentage proportion should will be
what's vietnam vietnamese according document documents agency responsible tracking track
tracks areas area number amount aim aims planned expected reach achieve percent ratio figure figures both two
provinces' province's set out sets out goal work works leads led people residents inhabitants with without
should must shall section part chapter according say says listed listing included contained named
under within after before from into per than not has have had when where whose
may might can could would
""".split())


# ---- table columns (as written) -----------------------------------------------------------
# What a column's header means, by the answer it holds (assistant.cell_choice). A header may mean two
# ("Tiến độ" is a deadline in a plan, a status in a report): the cell's value then decides.
HEADER_MEANINGS = {
    "time": re.compile(r"(?i)thời hạn|thời gian|hoàn thành|lộ trình|năm thực hiện|thời điểm|tiến độ|hạn chót|tần suất|"
                       r"ngày (ban hành|hết hạn|có hiệu lực)"),
    "amount": re.compile(r"(?i)mức|phí|số lượng|kinh phí|thành tiền|đơn giá|giá trị|\bgiá\b|số tiền|diện tích|"
                         r"trữ lượng|tổng(?!\s+hợp)|công suất|tỷ lệ|tỉ lệ|chỉ tiêu|(?<!địa )\bđiểm|số mẫu|số năm|dung tích|"
                         r"sản lượng|quy mô|khối lượng|(?<!đơn vị )dự toán"),  # not "tổng hợp" (a task), "đơn vị dự toán" (a body)
    "lead": re.compile(r"(?i)chủ trì|cơ quan|đơn vị(?! tính)|trách nhiệm|phụ trách|bộ phận|thẩm quyền|người thực hiện"),
    "partner": re.compile(r"(?i)phối hợp"),
    "result": re.compile(r"(?i)kết quả|tiến độ|tình hình|sản phẩm|đánh giá"),
    "code": re.compile(r"(?i)\bmã\b|ký hiệu"),
    "place": re.compile(r"(?i)địa điểm|\bnơi\b|địa bàn|vị trí"),
    "basis": re.compile(r"(?i)căn cứ|vbqppl|quy phạm pháp luật"),
    # columns no asked part reads: they only keep a document's dates or a way of filing from passing for one (a
    # notes column, "Ghi chú", is none of them: it holds whatever the row adds, "Vòng hoa tối đa 1.500.000 đồng")
    "other": re.compile(r"(?i)văn bản|trình tự|quyết định công bố|nghị quyết|cách thức|hình thức|"
                        r"thành phần|hồ sơ|lĩnh vực|đối tượng|yêu cầu|điều kiện|tên thủ tục|nội dung"),
}
# What a value looks like, beside its figures (as written; assistant.cell_choice): a time in words ("Quý IV/2025",
# "02 lần/tháng", "thường xuyên"), an agency's name, a task's status, a place where a procedure is filed.
VALUE_TIME = re.compile(r"(?i)\b(qu[ýí]|tháng)\s*[IVX\d]+\b|\d+\s*lần\s*/\s*(năm|tháng|quý|tuần|ngày)|\bnăm (19|20)\d\d\b|"
                        r"\b(19|20)\d\d\s*[-–]\s*(19|20)\d\d\b|^\s*(19|20)\d\d\s*$|thường xuyên|hằng năm|hàng năm|"
                        r"hằng quý|hằng tháng|định kỳ")
VALUE_AGENCY = re.compile(r"\b(Sở|Bộ|UBND|Ủy ban|Uỷ ban|Cục|Chi cục|Ban|Văn phòng|Trung tâm|Công an|Phòng|Hội đồng|"
                          r"Thanh tra|Tổng cục|Kho bạc|Ngân hàng|Đài|Báo|Lãnh đạo|Chuyên viên|Bộ phận|Văn thư|Chủ tịch|"
                          r"Đại diện)\b|(?i:\b(các sở|sở, ngành|các bộ|bộ, ngành|ủy ban nhân dân|doanh nghiệp)\b)")
VALUE_STATUS = re.compile(r"(?i)đang thực hiện|đã hoàn thành|chưa hoàn thành|hoàn thành|\bđã\b|\bđạt\b|chưa thực hiện")
VALUE_PLACE = re.compile(r"(?i)trung tâm|\btại\b|\bxã\b|phường|\btỉnh\b|bộ phận|trụ sở|cổng dịch vụ")
# The parts a question asks of a row (folded; assistant.cell_choice): "trong bao nhiêu ngày" is a time, "mức
# phí" an amount, "bộ nào" the lead agency, "phối hợp" the partners, "kết quả" a result, "mã số" a code.
ASK_PARTS = {
    "time": re.compile(r"\b(khi nao|bao gio|thoi han|han chot|(truoc|den|vao|tu) ngay nao|ngay nao|thang nao|quy nao|"
                       r"nam nao|thoi gian|thoi diem|bao lau|tien do hoan thanh|"
                       r"by when|deadline|due date|what date|which date|time limit|processing time|how long|"
                       r"within how many|timeline|time ?frame|"
                       # "when" asks a time before a verb or at the end ("when does …", "and when?"); before a
                       # clause it says on what condition ("the fee charged when the dossier is filed in person")
                       r"when(?=\s+(?:does|did|do|is|are|was|were|will|would|must|should|shall|can|could|has|have|"
                       r"had|may|might)\b|\s*[?.,;]|\s*$))\b"),
    "amount": re.compile(r"\b((?<!danh )muc (thu|chi|phi|le phi|ho tro|khoan|phat)|le phi|phi|kinh phi|don gia|so tien|"
                         r"how much(?! time)|fee|fees|cost|price|allowance|amount|rate|spent|spend|charge|charges)\b"),
    "lead": re.compile(r"\b(co quan nao|don vi nao|so nao|bo nao|nhung bo|cac bo nao|phong nao|ban nao|ai|chu tri|"
                       r"giao cho|trach nhiem|phu trach|tham quyen|who|whom|which (agency|agencies|body|bodies|"
                       r"department|departments|unit|office|ministry|ministries|division|authority)|lead|leads|"
                       r"responsible|in charge|handles?)\b"),
    "partner": re.compile(r"\b(phoi hop|coordinat\w*|partners?|supporting)\b"),
    "result": re.compile(r"\b(ket qua|tien do|tinh hinh|da dat|dat duoc|results?|progress|status|achieved|outcome)\b"),
    "code": re.compile(r"\b(ma so|ma tthc|ma thu tuc|ma nao|ma (la )?(gi|bao nhieu|so may)|mang ma|code|codes)\b"),
    # the legal basis a procedure row cites ("Căn cứ pháp lý": "Luật … số 54/2024/QH15; Nghị định số 193/2025/NĐ-CP")
    "basis": re.compile(r"\b(can cu (phap ly|vao|theo|luat|nghi dinh|thong tu|quyet dinh|nghi quyet|van ban)|legal basis|legal grounds|based on|pursuant to|"
                        r"under (which|what) (law|laws|decree|decrees))\b"),
    "place": re.compile(r"\b(o dau|noi nao|dia diem|where)\b"),
}
ASK_LEAD_TOO = re.compile(r"\b(chu tri|lead|leads|leading|responsible|in charge)\b")  # with "phối hợp": both asked
ASK_TIME_COUNT = re.compile(r"\b(bao nhieu|may) thoi gian\b")  # a "how many" that asks a time
ASK_QUANTITY = re.compile(r"(?i)\b(bao nhiêu|mấy|how many|how much)\b")  # as written: each asks one figure
# "what is the amount under the central rules, …, and what is the maximum cost of the wreath?": an English "what"
# asking a quantity by its noun asks one figure too (the noun within three words of "what")
ASK_QUANTITY_NOUN = re.compile(r"(?i)\bwhat(?:'s|\s+is|\s+are|\s+was|\s+were)?\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?"
                               r"(amount|amounts|rate|rates|fee|fees|cost|costs|price|prices|sum|level|levels|maximum|"
                               r"minimum|cap|ceiling|percentage|share|allowance|charge|charges)\b"
                               # "mức theo quy định … và mức Thành phố hỗ trợ thêm là bao nhiêu?": a second quantity's
                               # noun after "và" asks a second figure of the one "bao nhiêu"
                               r"|(?:\bvà|,)\s+(?:mức|số tiền|tỷ lệ|tỉ lệ|đơn giá)\b")
# "phụ lục kết quả", "the results annex": words that name the table asked from, not a part asked of its row
ASK_TABLE_NAME = re.compile(r"\b(phu luc|bang|annex|appendix|table)( (cac|ve|thuc hien|cua))? (ket qua|nhiem vu|tien do)\b|"
                            r"\b(results?|progress|tasks?) (annex|appendix|table)\b")
# "bước liên thông …", "in the internal workflow": the question asks about one step of a procedure's steps
ASK_STEP = re.compile(r"\b(buoc|quy trinh|step|steps|stage|workflow)\b")  # not "khâu": folded, it is "khẩu" (export)
# one step asked by name ("bước liên thông Sở Nội vụ", "the step of asking …"), not the workflow as a whole
# ("trong quy trình nội bộ, thủ tục … mất bao nhiêu ngày" asks the procedure's total time)
ASK_ONE_STEP = re.compile(r"\b(buoc|step|stage)\b")
ASK_WHO = re.compile(r"(?i)cơ quan nào|đơn vị nào|sở nào|ai |ai\?|chủ trì|who|which (agency|body|department|unit|office|"
                      r"ministry)|lead|responsib|in charge")
# "tổng" before a time or an area asks its total ("tổng thời gian giải quyết": the workflow's total row, not a step's);
# not "tổng mức chi", "tổng mức đầu tư", "tổng vốn": measures named so, printed as a column or in a sentence
ASK_TOTAL = re.compile(r"(?i)\btổng cộng\b|\btổng số\b|\btotal\b|\bin all\b|\baltogether\b|\bin sum\b|"
                       r"\btổng (?:thời gian|thời hạn|diện tích)\b")
ASK_PARTNER = re.compile(r"(?i)phối hợp|coordinat|partner|support")
ASK_WHEN = re.compile(r"(?i)khi nào|bao giờ|thời gian|thời hạn|hạn |hoàn thành|by when|when|deadline|time ?limit|"
                       r"how long|within|thời điểm|tiến độ|tháng nào|những tháng|năm nào|giai đoạn nào|which months?|"
                       r"which (year|period|phase)|what period")
ASK_HOW_MUCH = re.compile(r"(?i)bao nhiêu|mức|how much|how many|what (is the )?(amount|rate|fee|score)|số lượng|"
                           r"điểm|phí|fee|rate|amount|points?|score|area|diện tích|trữ lượng|reserve|lifetime|"
                           r"useful life|thời gian sử dụng|số năm|years")

# ---- the parts a question wants, and what a sentence states (assistant.question.wanted) -------------
# Folded question words: a date or deadline asked; an agency (body, office, person in office) asked.
ASK_DATE = re.compile(r"\b(ngay nao|truoc ngay|den ngay nao|thoi diem nao|khi nao|bao gio|by what date|what date|"
                      r"which date|by when|deadline|(from|until|as of) when|when (must|should|is|are|will|does|do|did|was|were)\b)")
# (the kind of body may be named more closely before the question word: "đơn vị sự nghiệp công lập nào", "which
# public service units")
ASK_AGENCY = re.compile(r"\b((?:co quan|don vi)(?: [a-z]+){0,3} nao|so nao|bo nao|phong nao|ai|which ([a-z-]+ ){0,3}"
                        r"(agency|body|department|unit|office|ministry|minister|division|authority|units|bodies|agencies)|"
                        r"who|what (agency|body))\b")
# every "bao nhiêu X" / "mấy X" (Vietnamese) and "how many X" / "how much time" (English): X the unit counted
# (a unit of letters and digits is one: "bao nhiêu m3/ngày" asks cubic metres, not metres)
COUNTED_VI = re.compile(r"(?i)\b(?:bao nhiêu|mấy)\s+((?:triệu|nghìn|ngàn|tỷ)\s+)?([^\W\d_][^\W_]*)")
COUNTED_EN = re.compile(r"\bhow (?:many|much) ([a-z%]+)")
# words after "bao nhiêu" that name no unit a part is printed in ("bao nhiêu tiền" is a sum in "đồng": ``asked._units``)
NOT_UNITS = {"là", "và", "của", "được", "trong", "để", "so", "với", "theo", "tại", "thì", "phần", "đối", "lần", "tiền"}
EN_TIME_UNITS = {"time": ("phút", "giờ", "ngày", "tháng", "năm")}  # "how much time"
EN_COUNTED_IN = {"questions": ("câu",), "question": ("câu",)}  # an exam's questions are counted in "câu"
TIME_UNITS = ("phút", "giờ", "ngày", "tháng", "năm", "tuần")  # what a duration is stated in
# A sum of money asked (folded): a fee, a rate, a level of spending or support; and stated (as written).
ASK_MONEY = re.compile(r"\b(muc thu|muc phi|le phi|phi (tham dinh|dang ky|cap)|muc chi|muc ho tro|muc tien|bao nhieu tien|"
                       r"bao nhieu dong|how much (money|does .{0,40} cost|is the fee)|what (is the )?(fee|charge|cost)|"
                       r"fee|charge|tuition|allowance|salary|wage|subsidy|stipend)\b")
# A share asked (folded): a percentage of something, which a sentence states with "%" ("bằng 70% mức học phí"), not a
# sum ("what share of the regular tuition fee …" asks the 70 %, not the fee; "tỷ lệ … đạt bao nhiêu?" the 90 %)
ASK_SHARE = re.compile(r"\b(?:ty le|ti le)\b[^?]{0,80}\b(?:bao nhieu|may|nao)\b|\bbao nhieu (?:phan tram|%)|"
                       r"\bwhat (?:share|percentage|proportion|percent)\b|\bhow many percent|\bby what percent")
STATED_SHARE = re.compile(r"(?i)\d\s*%|\bphần trăm\b")
MONEY_UNITS = ("đồng", "triệu đồng", "tỷ đồng", "nghìn đồng", "VNĐ", "VND")
MONEY = re.compile(r"(?i)\d[\d.,]*\s*(?:đồng|triệu đồng|tỷ đồng|nghìn đồng|VNĐ|VND)\b")
# A sum asked by a bare "bao nhiêu" / "how much" (as written, lower case): a price, a rate of spending, pay or support,
# a fee, an investment's total. Broader than ``ASK_MONEY`` (which makes the sum a part of its own, ``wanted``): this
# only says a source answering must state a sum (``STATES_SUM``).
ASK_SUM = re.compile(r"(?<!\w)(?:đơn giá|giá|phí|lệ phí|mức (?:thu|chi|hỗ trợ|tiền|thưởng|phụ cấp|bồi dưỡng|bồi thường|lương|"
                     r"giảm trừ|đóng|phạt)|phụ cấp|trợ cấp|tiền thưởng|tổng mức (?:đầu tư|chi)|kinh phí|chi phí|"
                     r"bao nhiêu (?:tiền|đồng|triệu|tỷ|nghìn)|"
                     r"how much\b.{0,80}\b(?:pay|paid|allowance|support|spend|spent|cost|fee|reward|bonus|compensation|"
                     r"budget|deduction|price|invest\w*|money))(?!\w)")
# "What import duty rate …", "What monthly allowance …": the sum asked in English with no "how much" at all
ASK_SUM_WHAT = re.compile(r"\bwhat\b.{0,40}\b(?:fee|price|allowance|amount|deduction|reward|bonus|compensation|cost|"
                          r"budget|investment|rate)s?\b")
# A province's departments by their 2025 names (after the mergers: no Sở Kế hoạch và Đầu tư, Sở Tài nguyên và Môi
# trường …, whose names a question may still use of a document naming the new one), folded: a question naming one
# asks about it, and a document never naming it is about another (``found.department_absent``)
DEPARTMENTS = re.compile(r"\bso (y te|giao duc va dao tao|tai chinh|noi vu|tu phap|xay dung|cong thuong|"
                         r"nong nghiep va moi truong|khoa hoc va cong nghe|van hoa, the thao va du lich|ngoai vu|"
                         r"dan toc va ton giao)\b")
# A sum stated: in money, as a share ("bằng 50%"), or in multiples of the base salary ("8,0 lần mức lương cơ sở")
STATES_SUM = re.compile(r"(?i)\d[\d.,]*\s*(?:đồng|triệu|tỷ|nghìn|VNĐ|VND|USD)\b|\d\s*%|lần mức lương|mức lương cơ sở")
# A form asked by its number (folded: "lập theo mẫu nào", "mẫu số mấy", "which form") and stated ("Mẫu số 05-PA",
# "mẫu 03-HS", "Mẫu số 02/TK"): the sentence naming the form, not one describing what it is for
ASK_FORM = re.compile(r"\b(?:(?:theo|dung|la) mau (?:so )?(?:nao|may|gi)|mau so (?:may|nao)|which (?:form|template)|"
                      r"what (?:form|template)(?: number)?|form number)\b")
STATED_FORM = re.compile(r"(?i)\bmẫu(?:\s+số)?\s*\d{1,3}[A-Za-zĐđ0-9./-]*")
# A colour asked ("màu gì", "what colour") and stated ("túi màu đỏ"); a phone, fax or e-mail asked ("số điện
# thoại", "phone/fax number", "email") and stated ("(0229) 3.871.234", "0229.3871234", "abc@ninhbinh.gov.vn")
# (read as typed, not folded: "mẫu nào" asks a form and folds to the same letters as "màu nào")
ASK_COLOUR = re.compile(r"(?i)\bmàu (?:gì|nào|sắc)|\b(?:what|which) colou?rs?\b")
STATED_COLOUR = re.compile(r"(?i)\bmàu\s+(?:xanh|đỏ|vàng|trắng|đen|xám|nâu|cam|tím|hồng|ghi)\b")
ASK_CONTACT = re.compile(r"\b(?:so dien thoai|dien thoai|so fax|phone|telephone|fax|e-?mail|thu dien tu)\b")
STATED_CONTACT = re.compile(r"(?:\(\d{3,4}\)\s*|\b0)\d[\d .]{5,12}\d\b|\b[\w.-]+@[\w-]+(?:\.[\w-]+)+")
# A product's model asked (folded: "ký, mã hiệu", "chủng loại", "what model number") and stated by its label ("Ký, mã
# hiệu, chủng loại: SYA-B19")
ASK_MODEL = re.compile(r"\b(?:ky,? ma hieu|ma hieu|chung loai|model (?:number|code)|(?:what|which) model|model \(type\))\b")
STATED_MODEL = re.compile(r"(?i)\b(?:mã hiệu|chủng loại|model)\b[^:\n]{0,25}:\s*\S*\d")
# a distance asked ("how far … from", "cách … bao xa", "khoảng cách tối thiểu bao nhiêu") and stated apart from what it is
# measured from ("phải đặt cách công trình nhà ở … ≥ 20m", "khoảng cách an toàn tối thiểu 500 m"): not any figure in
# metres ("Bán kính phục vụ tối đa 15 km thì diện tích … 3000 m2" states a radius and an area)
ASK_DISTANCE = re.compile(r"\bhow far\b|\bwhat (?:minimum |maximum )?distance\b|\bbao xa\b|"
                          r"\bkhoang cach\b[^?]{0,60}\b(?:bao nhieu|toi thieu|toi da|it nhat)\b")
STATED_DISTANCE = re.compile(r"(?i)(?<![^\W\d_])(?:cách|khoảng cách)(?![^\W\d_])[^.;\n]{0,120}?\d+(?:[.,]\d+)?\s*(?:m|mét|km)"
                             r"(?![^\W_])")
# A code as printed: a tariff heading ("8531.80.19", "9504.40.00"), a procedure's ("1.014445.H13",
# "2.000894.000.00.00.H48"), a workflow's or form's ("QT.TBYT.06", "BM.TBYT.01.01")
STATED_CODE = re.compile(r"\b\d{4}\.\d{2}(?:\.\d{2})?\b|\b\d\.\d{6}\b|\b[A-ZĐ]{2,5}(?:\.[A-ZĐ0-9]{1,6}){0,3}\.\d{1,4}\b")
# A row's group named by its kind and number ("Nhóm 3", "Loại II", "Hạng A", "Vùng 1"): a question quoting one names
# the row whose label opens with it ("… cho cán bộ Nhóm 3 và cho cán bộ Nhóm 5 …" → "Nhóm 3: Thư ký đồng chí …")
NAMED_GROUP = re.compile(r"\b(?:[Nn]hóm|[Ll]oại|[Hh]ạng|[Vv]ùng|[Bb]ậc|[Kk]hu vực)\s+(?:\d{1,2}|[IVX]{1,4}|[A-D])\b")
# A row named by the value of its key column ("cấp IV" of a row whose "Cấp cháy" cell is "IV", "level 3", "mức 2"):
# the kind word, then the value as printed
NAMED_KEY = re.compile(r"\b(cấp|mức|nhóm|loại|hạng|vùng|bậc|level|grade|group|zone|category|class|tier)\s+(\d{1,2}|[IVX]{1,4}|[A-D])\b",
                       re.IGNORECASE)
# A workflow's step named by its number ("bước B4", "step B4", "Bước 3"): the step's row prints it as its number
NAMED_STEP = re.compile(r"\b(?:bước|step)\s+([A-Z]?\d{1,2})\b", re.IGNORECASE)
FIGURE_SCALE = r"(\d+(?:[.,]\d+)*)\s*(?:triệu\s+|nghìn\s+|tỷ\s+)?"  # a figure, and the scale word a unit may follow

# What a sentence states (as written): a date or deadline; a date that dates a document cited ("Chỉ thị số
# 13/CT-TTg ngày 17 tháng 5 năm 2025") or the letter itself ("Hà Nội, ngày 25 tháng 11 năm 2025"), which is none.
STATED_DATE = re.compile(r"(?i)\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\b|\bngày \d{1,2} tháng \d{1,2}\b|"
                         r"\b(?:trước|đến|từ|trong) (?:ngày|tháng|quý|năm) [\dIVX]|\btháng \d{1,2}(?:/| năm )(?:19|20)\d\d\b|"
                         r"\bquý [IVX]+\b")
# the date of a document cited by its number ("Nghị định số 78/2002/NĐ-CP ngày 04 tháng 10 năm 2002", "Tờ trình số
# 127/TTr - HĐQT ngày 30 tháng 9 năm 2025") or of a law cited by its name ("Luật Tổ chức Chính phủ ngày 18 tháng 02 năm
# 2025"): no deadline, no date a question asks of the document
_UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x1EFA)) if c.isupper())  # Vietnamese capitals
CITED_DATE = re.compile(r"(?:\b\d+/\S*[A-ZĐ]\S*(?:\s*-\s*[A-ZĐ]\S*|\s+[A-ZĐ]\S*)?"
                        rf"|\b(?:Luật|Bộ luật|Hiến pháp)\s+[{_UPPER}][^\s,;.:]*"
                        r"(?:\s+(?!(?:này|có|kể|từ|được|thi)\b)[^\s,;.:]+){0,10}?)"
                        r"\s+ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|/\d{1,2}/\d{4})")
LETTER_DATE = re.compile(r"^\W*(?:Số:\s*\S+\s+)?[^\W\d][^\d,]{1,40}, ngày \d{1,2} tháng \d{1,2} năm \d{4}\W*$")  # a letter's own date line
# The bodies that act: an agency named ("Sở Tài chính", "Ủy ban nhân dân"), a line of duties it heads ("1. Bộ Tài
# chính chủ trì, …:", "Giao Sở Công Thương:"), and the body it names.
BODY = (r"(?:Sở|Bộ|Cục|Tổng cục|Chi cục|Ban|Văn phòng|Trung tâm|Công an|Kho bạc|Ngân hàng|Thanh tra|Hội đồng|"
        r"Phòng|Viện|Đài|Bảo hiểm xã hội|Bộ Chỉ huy|Ủy ban|UBND|Chủ tịch|Thủ tướng|Bộ trưởng|Giám đốc)")
STATED_AGENCY = re.compile(rf"\b{BODY}\s+(?:[A-ZĐÀ-Ỹ]|nhân dân|các cấp)")
# a body's word that opens a verb or a task instead ("Ban hành Kế hoạch …", "Phòng, chống …", "Phòng cháy …"): no body
_NOT_BODY = r"(?!\s*(?:,|hành\b|chống\b|ngừa\b|tránh\b|cháy\b))"
DUTY_HEAD = re.compile(rf"^\W*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))?\s*(?:Giao\s+)?{BODY}\b{_NOT_BODY}")  # noqa: RUF001
DUTY_SUBJECT = re.compile(rf"^\W*(?:[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))?\s*(?:Giao\s+)?({BODY}\b{_NOT_BODY}(?:\s+\S+){{0,6}})")  # noqa: RUF001
NAMED_BODY = re.compile(rf"\b{BODY}\s+(?:[A-ZĐÀ-Ỹ]\S*|nhân dân|các)(?:\s+\S+){{0,5}}")
# "Label: value" lines, and the kind of value a label gives
LABEL = re.compile(r"^\W*(?:[a-zđ]\)\s*|\d+(?:\.\d+)*\.\s*)?([^:]{3,60}):\s*\S")  # noqa: RUF001
LABEL_KINDS = (
    ("agency", re.compile(r"(?i)\b(cơ quan|đơn vị|bộ phận)\b.*\b(chủ trì|thực hiện|thẩm định|phê duyệt|tổ chức|giải quyết|"
                          r"tiếp nhận|có thẩm quyền|quyết định)|^\W*(thực hiện|chủ trì|trách nhiệm thực hiện)\W*$")),
    ("date", re.compile(r"(?i)\b(thời gian|thời hạn|tiến độ|thời điểm)\b")),
    ("count", re.compile(r"(?i)\b(số lượng|mức thu|mức chi|mức hỗ trợ|kinh phí|lệ phí|phí)\b")),
)

# ---- the value a change leaves (assistant.question.wanted, assistant.sentence_choice) ------------
# A question about the value after a change (folded): "còn bao nhiêu ngày", "xuống còn", "sau khi cắt giảm",
# "after the cut". A simplification plan states three figures per procedure: the value before ("Thời gian
# giải quyết theo quy định: 07 ngày"), the cut ("Giảm 02 ngày so với quy định") and the value after
# ("Thời gian thực hiện: 05 ngày"); only the last answers such a question.
ASK_AFTER_CHANGE = re.compile(r"\b(con (lai )?(bao nhieu|may|bao lau)|xuong con|rut (ngan )?(xuong )?con|"
                              r"sau (khi )?(phuong an )?(cat giam|don gian hoa|rut ngan|dieu chinh|sua doi)|"
                              r"after (the )?(cuts?|reductions?|simplification|change|amendment)|"
                              r"(reduced|cut|shortened|brought down|lowered) to)\b")
# A label giving the value before the change, or the amount it saves (as written): "Thời gian giải quyết theo quy
# định", "… hiện hành", "Thời gian giải quyết TTHC trước khi đơn giản hóa", "Thời gian giải quyết TTHC tiết kiệm".
BEFORE_CHANGE_LABEL = re.compile(r"(?i)\b(theo quy định|hiện hành|trước (khi )?(cắt giảm|đơn giản h[oó]a|điều chỉnh|sửa đổi)|"
                                 r"tiết kiệm|được cắt giảm|giảm được)\W*$")
# A sentence giving the amount cut, not what remains ("Giảm 02 ngày so với quy định"; "… rút ngắn được 02 ngày
# còn 5 ngày" states what remains too).
CHANGE_AMOUNT = re.compile(r"(?i)\b(giảm|cắt giảm|rút ngắn( được)?)\s+\d")
REMAINS = re.compile(r"(?i)\bcòn( lại)?\s+\d")

# ---- figures written in words (assistant.question.asked.figures_of) --------------------------------
# An English question writes small counts in words ("its four health-sector databases") where the document
# prints "04 CSDL": the word is the figure. "one" is left out ("one of the …"), and so is a number after
# "the" ("the two are weighted"): neither quotes a figure.
NUMBER_WORDS_EN = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                   "ten": 10, "eleven": 11, "twelve": 12}
NUMBER_WORD_EN = re.compile(r"(?i)(?<!\bthe )\b(" + "|".join(NUMBER_WORDS_EN) + r")\b")

# ---- who acts (as written; assistant.scoring, assistant.answers.clause) -----------------------
# A clause or heading that opens with an agency ("1. Sở Tài chính", "b) Ủy ban nhân dân …") names who acts.
AGENCY_HEAD = re.compile(r"^(?:\d+\.\s*|[a-zđ]\)\s*)?(Sở|Bộ|Ủy ban|UBND|Cục|Chi cục|Ban|Văn phòng|Trung tâm|Công an|"
                         r"Kho bạc|Ngân hàng|Thanh tra|Hội đồng|Đài|Báo|Liên đoàn|Hội)\b")

# ---- the question's own words (assistant.question.question) ---------------------------------------
# Everyday words (as written, lower case) → the official words the plans use (one direction: questions only).
OFFICIAL_TERMS = {
    "người già": "người cao tuổi", "bao phủ bảo hiểm": "tham gia bảo hiểm", "tỷ lệ bao phủ": "tỷ lệ tham gia",
    "trẻ nhỏ": "trẻ em", "người tàn tật": "người khuyết tật", "nhà xã hội": "nhà ở xã hội",
    "nhà ổ chuột": "nhà tạm, nhà dột nát", "tuổi thọ bình quân": "tuổi thọ trung bình",
    "hai tỉnh": "", "các tỉnh": "", "hai địa phương": "",
}

# Bounds written either way (a question's words → every way documents write them; as written, lower case): a Vietnamese
# question's "tối đa 9 tháng" is met by "không quá 9 tháng/năm học" as an English "at most" is (``glossary``). Each
# is read as alternatives, the best-covered one counting (``evidence.content_tokens``).
VI_EQUIVALENTS = {
    "tối đa": "tối đa|không quá|không vượt quá", "không quá": "không quá|tối đa", "không vượt quá": "không vượt quá|tối đa",
    "tối thiểu": "tối thiểu|ít nhất|không dưới", "ít nhất": "ít nhất|tối thiểu|không dưới",
    "không dưới": "không dưới|tối thiểu|ít nhất",
}
_EQUIVALENT = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, VI_EQUIVALENTS), key=len, reverse=True)) + r")(?!\w)",
                         re.IGNORECASE)


def equivalents(text: str) -> tuple[str, list[str]]:
    """``text`` without the bounds ``VI_EQUIVALENTS`` knows, and each one's ways of writing it ("a|b").

    >>> equivalents("học sinh được hỗ trợ tối đa bao nhiêu tháng?")
    ('học sinh được hỗ trợ ; bao nhiêu tháng?', ['tối đa|không quá|không vượt quá'])
    """
    found = [VI_EQUIVALENTS[m.lower()] for m in _EQUIVALENT.findall(text)]
    return _EQUIVALENT.sub(" ; ", text).replace("  ", " "), found


# English function words: two of them make a question English (``question.language``).
EN_WORDS = set("""the what which who whom how does do did is are was were of for to in on by with and should
will would can could per each share target targets plan compare about whose there this that from""".split())

# A question typed without accents (assistant.question.accents): English words that are not also folded Vietnamese
# syllables ("an", "to", "in" are), two of which mark it English; the syllable pairs of how questions are asked.
ACCENTLESS_ENGLISH = set("""the what which who how does did is are of for and with target targets plan rate share
by per about compare between social housing people households school health water""".split())
QUESTION_PAIRS = """so_sánh bao_nhiêu là_gì cơ_quan quan_nào sở_nào đơn_vị vị_nào năm_nào thế_nào
ai_ký thì_sao còn_năm của_tỉnh như_thế mục_tiêu chỉ_tiêu tỷ_lệ đến_năm kế_hoạch""".split()

# What a follow-up may say besides a year or a place ("Còn năm 2025 thì sao?", "What about Kon Tum?"), folded.
FOLLOW_UP_FILLER = {"nam", "thi", "sao", "the", "con", "va", "tinh", "o", "what", "about", "and",
                    "for", "in", "year", "how", "province", "cua", "nhu", "nao", "vay", "thế", "year's"}

# ---- a document named, not a topic (as written; assistant.evidence, assistant.question.read) -----------
# The kinds of document a question names by name, not by number: "Theo Luật Cư trú, …".
NAMED_KINDS = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")
# A proposer asked with the submission it was proposed in (folded): "… theo đề nghị của cơ quan nào, tại tờ trình số
# mấy?", "on whose proposal, in which submission?"
ASK_SUBMISSION = re.compile(r"\b(to trinh|submission|submissions)\b")
# Another document's number asked by its kind (folded): "trên cơ sở Đề án số mấy?", "tờ trình số bao nhiêu?" — the
# number is that document's, not the one asked about (its kind as printed, for finding it in the text)
ASK_CITED_NUMBER = re.compile(r"\b(de an|to trinh|cong van|bao cao|chi thi|ke hoach|nghi dinh|thong tu)\s+"
                              r"(so may|so bao nhieu|so nao|so hieu (la )?gi)\b")
CITED_KINDS = {"de an": "Đề án", "to trinh": "Tờ trình", "cong van": "Công văn", "bao cao": "Báo cáo",
               "chi thi": "Chỉ thị", "ke hoach": "Kế hoạch", "nghi dinh": "Nghị định", "thong tu": "Thông tư"}
# The kind of document a question names (folded), as the text names its own kind (``DocMeta.kind``): "Nghị quyết sắp
# xếp đơn vị hành chính cấp xã của thành phố Cần Thơ … có số hiệu là gì?" asks of a resolution, not a decision
KIND_NAMED = {"Nghị quyết": re.compile(r"\b(nghi quyet|resolution)\b"), "Quyết định": re.compile(r"\b(quyet dinh|decision)\b"),
              "Nghị định": re.compile(r"\b(nghi dinh|decree)\b"), "Thông tư": re.compile(r"\b(thong tu|circular)\b"),
              "Kế hoạch": re.compile(r"\b(ke hoach|plan)\b"), "Công điện": re.compile(r"\b(cong dien|telegram)\b"),
              "Công văn": re.compile(r"\b(cong van|official letter)\b"), "Chỉ thị": re.compile(r"\b(chi thi|directive)\b"),
              "Thông báo": re.compile(r"\b(thong bao|notice)\b")}
# "Quyết định 2581/QĐ-TTg", "Kế hoạch số 157/KH-UBND", "Phụ lục I", "Decision 2597/QĐ-TTg": these name
# the document (and the question's number already filters by it), not what in it is asked.
DOC_REF = re.compile(r"(?i)\b(?:quyết định|nghị quyết|nghị định|thông tư|kế hoạch|công văn|chỉ thị|thông báo|luật|"
                     r"decision|resolution|decree|circular|plan|directive)\s+(?:số\s*)?\d+[\w/\-]*"
                     r"|\b(?:phụ lục|appendix|annex)\s+[ivxlc\d]+[a-z]?\b|\b\d+/(?:\d{4}/)?[A-ZĐ][\w\-]*")
