"""Column names inferred from a saved page's header rows (ingest/tables/table_headers.py)."""
from ingest.tables.table_headers import column_names

TOP = ["TT", "Tên tỉnh, mỏ, dự án khai thác", "Diện tích (ha)", "Trữ lượng huy động", "Công suất khai thác", "Ghi chú"]
YEARS = ["2021 - 2030", "2031 - 2050"]


def test_three_levels_where_one_sharing_fits():
    # Quyết định 2581/QĐ-TTg, Phụ lục I, table 2, as its header rows were saved (two rows read as one)
    low = ["Quặng (10^3tấn)", "Tấn WO3", "Quặng (10^3tấn/năm)", "Tấn WO3/năm", "Quặng (10^3tấn/năm)", "Tấn WO3/năm"]
    names = column_names([TOP, [*YEARS, "", *low]], 10)
    assert names == ["TT", TOP[1], "Diện tích (ha)", "Trữ lượng huy động › Quặng (10^3tấn)", "Trữ lượng huy động › Tấn WO3",
                     "Công suất khai thác › 2021 - 2030 › Quặng (10^3tấn/năm)",
                     "Công suất khai thác › 2021 - 2030 › Tấn WO3/năm",
                     "Công suất khai thác › 2031 - 2050 › Quặng (10^3tấn/năm)",
                     "Công suất khai thác › 2031 - 2050 › Tấn WO3/năm", "Ghi chú"]


def test_two_sharings_that_fit_are_not_guessed_between():
    # every bottom cell alike: 2+4 and 4+2 both put the same cells under each period → not inferred
    low = ["Tấn"] * 6
    names = column_names([TOP, [*YEARS, "", *low]], 10)
    assert not any(n.count("›") == 2 for n in names)


def test_a_cell_over_two_year_columns():
    names = column_names([["TT", "Tên", "Diện tích (ha)", "Mục tiêu thăm dò", "Ghi chú"], YEARS], 6)
    assert names == ["TT", "Tên", "Diện tích (ha)", "Mục tiêu thăm dò › 2021 - 2030", "Mục tiêu thăm dò › 2031 - 2050",
                     "Ghi chú"]
