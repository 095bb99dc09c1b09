"""The Gradio API through gradio_client, against a running server."""
from __future__ import annotations

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

# The shared session fixtures (one real Assistant, the app, a live server): see tests/web_fixtures.py.
pytest_plugins = ["tests.web_fixtures"]
# Gradio's queue calls pandas APIs that pandas 3 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore:.*:Warning:gradio.queueing")



@pytest.fixture(scope="module")
def gradio(web_server):
    return Client(web_server + "/", verbose=False, analytics_enabled=False, download_files=False)


def test_ask_gives_a_cited_answer(gradio):
    out = gradio.predict("Kon Tum's 2030 target for social housing", None, None, api_name="/ask")
    assert out["found"] is True and "221.009" in out["answer"]  # as the quote prints it
    cite = out["citations"][0]
    assert cite["province"] == "Kon Tum" and "221.009" in cite["highlight"]
    assert "[\\[1\\]](#src-1) " in out["markdown"] and cite["locator"] in out["markdown"]


def test_ask_with_history_and_province(gradio):
    out = gradio.predict("Còn năm 2025 thì sao?", ["Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?"], ["Kon Tum"],
                         api_name="/ask")
    assert "104.046" in out["answer"]


def test_a_refused_question_comes_back_as_an_app_error(gradio):
    with pytest.raises(AppError, match="question"):
        gradio.predict("???", None, None, api_name="/ask")


def test_only_ask_is_public(gradio):
    assert list(gradio.view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/ask"]
