"""Question answering over Vietnamese policy documents, with exact figures and citations.

``Assistant`` is imported lazily so that ``python -m assistant --help`` and the
error types stay cheap to load.
"""
from ground.errors import AssistantError

from .model import Answer, Citation

__all__ = ["Assistant", "Answer", "Citation", "AssistantError", "Settings"]


def __getattr__(name):
    if name == "Assistant":
        from .core import Assistant

        return Assistant
    if name == "Settings":
        from .config import Settings

        return Settings
    raise AttributeError(name)
