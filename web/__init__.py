"""Web shell of the assistant: FastAPI (JSON + OpenAI-compatible API, embed pages) with the
Gradio chat UI mounted in the same app. Start it with ``python app.py``."""
import os

# An intranet server does not phone home: no Gradio usage analytics.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from .server import create_app  # noqa: E402
from .settings import WebSettings  # noqa: E402

__all__ = ["create_app", "WebSettings"]
