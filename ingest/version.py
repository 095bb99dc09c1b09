"""The parser's version, kept beside the parser.

Bump ``INGEST_VERSION`` when parsing or search text changes: an index made by an older parser is
re-parsed from the texts it stores (no source file needed) on the next start (``index/store.py``),
and an evaluation's cached index (``eval/docindex.py``) is keyed by it.

20: one row model — a document's target rows and other tables' rows are one list (``Document.rows``), a
chunk's row one field (``Chunk.row``); search texts and evidence units unchanged, so vectors are kept. (19 was
a structure change, reverted: an evaluation's index cached under 19 is not this parser's.)
21: metadata read as Word and PDF files print it (issue 21): a signer after a table cell's pipe or run into its
title on one line, a "TRƯỞNG …" signing title, a number wrapped at its hyphen, "Bộ Công Thương", no province from a letter's "Kính gửi", a
heading, subject or authority line a saved page wrapped; a signing block beside the recipients written after
them (Word, PDF, scans), a band the page break cut joined. Of the 421 real documents 43 change (28 titles gained
or completed, 7 signers, 5 issuers' case, 3 recipient provinces dropped, 2 numbers, 2 dates, 1 kind): the search
texts of those documents' chunks change with them (their context: kind, number, province; signature chunks).
22: a table's rows are named by the column of words before a column of figures whose header only looks like a
name ("Cấp học | Khu vực nông thôn (xã) | …" over "Tiểu học | 80 | 120": rows were named "80" and lost the rural
fee); of the 421 real documents 3 change (a fee table, a procedure count by ministry, a maintenance norm).
23: a signing title wrapped over two lines ("KT. TRƯỞNG BAN BAN CHÍNH SÁCH," / "THUẾ QUỐC TẾ", "TỔNG KIỂM TOÁN NHÀ" /
"NƯỚC") goes on to the name below it instead of ending the block; a header date with the page's bold marks inside
("ngày **24** tháng 11 năm 202**5"); a resolution printed without a date by its number dated by its closing line
("Nghị quyết này được Ủy ban Thường vụ Quốc hội … thông qua ngày 16 tháng 6 năm 2025"). Of the 421 real documents 53
change: 9 signers found (43 left without), 22 dates (21 Standing Committee resolutions; 22 left undated, 44 before),
23 signing titles completed ("PHÓ TRƯỞNG BAN" → "TL. CỤC TRƯỞNG KT. TRƯỞNG BAN … PHÓ TRƯỞNG BAN").
24: every field of a procedure a decision publishes in the national disclosure form ("Trình tự thực hiện", "Thời hạn
giải quyết", "Phí, lệ phí" …) is a unit of its own headed by its procedure's title (``text/procedures.py``): printed
as a layout table or far below its title, a field named nothing of its procedure ("Phụ lục I › Bản chính: 01 Bản sao:
01"). Of the 421 real documents 16 gain such units (902 pieces of fields of 122 procedures); their other chunks are
unchanged.
25: a table is a letterhead or signature by its marks only where they open a cell ("Nơi nhận:", "KT. CHỦ TỊCH",
"Địa chỉ:"; the national motto anywhere): a procedure list whose cell read "… nộp hồ sơ tại địa chỉ: dichvucong.gov.vn"
was taken for a layout and read as text, its rows lost. Of the 421 real documents 17 tables in 17 documents change: 15
procedure lists gain their rows, two forms (a certificate-of-origin application, an antiques register) are read
as tables.
26: a numbered list whose other columns stay empty in every row ("Stt | Tên xã, phường | Ghi chú", no note given)
is a list of items, not of empty groups: Lâm Đồng 2284's 95 mountainous communes become rows (6 tables in 3 of the 421
documents change; the other two are blank forms of a budget estimate and a crop-conversion register).
27: a workflow's column of steps ("Các bước" / "Thứ tự công việc" over "Bước 1", "B2") numbers its rows, which are
named by the work done ("Nội dung công việc", "Trình tự thực hiện"), not by who does it ("Đơn vị/người thực
hiện", "ĐƠN VỊ GIẢI QUYẾT TTHC"): a step read as the row's number is a step for the answering, and its name says
what it is; a step row missing a merged cell keeps its cells left; a total under numbered rows ("Tổng thời gian
giải quyết TTHC | 12 ngày") is named by itself in the name column, not by the row above it. Of the 421 real
documents 59 tables in 13 documents change (workflow tables; two lists' total rows, "Tổng số" of a count by
ministry once named "Bộ Dân tộc và Tôn giáo"); their "I. Quy trình … cấp xã" rows become the groups of its steps.
28: an article's heading wrapped after its first word ("**Điều" / "10. Yêu cầu chứng thực …") is read as one line:
each such article was read as more clauses of the article above it (Ninh Bình 165's Điều 10–22 as "Điều 9 › Khoản
5 …"). Of the 421 real documents 26 change (29 hold such a line; "Điều" / "tra, khảo sát …" stays two lines).
29: a table printed inside another's cell opens where a row of short bold names follows a caption paragraph ending
with ":" (a customs notice's "… Thông số kỹ thuật:" | "**Hạng mục**" | "**Thông số**"), and a row holding a range, a
size or an approximation ("1.8-2.0 gram", "63mm x 88mm", "~0.3mm") is data, not a header: the notice's
specifications were read one column apart ("63mm x 88mm" naming the row). Of the 421 real documents 3 change (three
customs notices).
30: a saved page's footnotes ("… còn 03 bộ, cơ quan[2] …" and "[2] Bộ Giáo dục và Đào tạo, …" below the signature) are
read as notes with the offsets of their markers (``text/footnotes.find_bracket_footnotes``): each note a chunk of its
own, out of the closing or preamble chunk that held it, its marker out of the search text. Of the 421 real documents
24 change (108 notes).
31: a word a saved page's bold run splits ("ng**ày", "C**ỤC THUẾ", "Hàng h****ó****a") is read whole: by the
metadata (``text/page_view.words_joined``), by a clause's and a procedure field's search text and by its sentence units
(``marked_words``); a place-date line ending in "ngày" (its date wrapped to the next line) marks a letter's header, and a
rank before a signer's name ("Thượng tướng Vũ Hải Sản") is no part of the name. Of the 421 real documents 265 print such
marks (1,094); the metadata of 26 changes: 4 dates and a number found (a tax letter had neither), 5 signers (4 of the
Ministry of Defence), 5 issuers ("Bộ Y t", "V chính phủ"), 6 titles, 10 signing titles completed.
32: a signer's name wrapped before its last word ("**Nguyễn Quỳnh" / "Thiện**" under "PHÓ CHỦ TỊCH") is read whole
(``meta/signature._wrapped_end``): 3 signers of the 421 real documents change ("Nguyễn Quỳnh" → "Nguyễn Quỳnh Thiện",
"Lê Tấn" → "Lê Tấn Cận", "Lê Hải" → "Lê Hải Hòa") and their signature chunks end after the name; no other chunk,
row or field changes.
33: a saved page's header rows read closer to the page: of two header cells alike, the one spanning sub-headers
that open with a total is the one whose total column sums the next ones in the data (``table_headers._summed``:
"Số lượng TTHC một cửa › Tổng số | Cấp tỉnh | Cấp xã", not the column after it); three or four cells spanning the
same sub-headers each ("Đã chủ động cắt giảm" | "Dự kiến cắt giảm" | "Tổng số" over four kinds); a header cell
"TTHC, ĐKKD …" is no row-number column ("TT" only as a word); a group heading read on the sub-header row after an
empty cell ("| | I. Bộ, ngành") or alone in any column ("| II. Địa phương") opens a group, no header level. Of the
421 real documents the rows of 2 change (a national dispatch's three annexes, a mining plan's ore / concentrate
columns); no other row or field. The abbreviations of reports on administrative reform ("DVCTT", "DVCQG", "ĐKKD",
"QPPL", "CCHC", "ĐVHC") are spelled out in the search text as "TTHC" was.
34: a saved page's table cell holding markup alone ("** **", a bold blank) is an empty cell, never the gap between two
rows (``pipe_tables._best``); an annex title wrapped after "PHỤ" ends the table before it; sub-headers go under the
header cell that leaves the name column ("Tên …", "Nội dung") over the data's wordiest column
(``table_headers._wordy_name``). Of the 421 real documents the rows of 6 change: Đồng Nai's resource-tax prices
(42 rows of 9 cells, named and priced, where 79 fragments were), Hà Nội's election allowances (the officials' rows
named by their title, not by the group), a form's and a report's few rows.
35: a section's heading in capitals after a table's last cell ("B. QUY TRÌNH NỘI BỘ THỦ TỤC HÀNH CHÍNH", no empty
segment before it) ends that table (``pipe_tables._section_heading``): a procedure decision's list no longer runs on
into its forms; a list's title going on in capitals on its line ("DANH MỤC VÀ QUY TRÌNH NỘI BỘ …") opens a part as
"DANH MỤC" alone did, and "Phụ lục" alone on its line as "PHỤ LỤC" does (not "Phụ lục 9", a form's label); a title
within 200 characters of the last part's is that part's own ("PHỤ LỤC I" / "DANH MỤC …" stays "Phụ lục I"). Of the 421
real documents the chunks of 11 change.
"""

INGEST_VERSION = 35
