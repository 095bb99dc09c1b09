"""The error family lives on the ground floor (``ingest.errors``); re-exported here for the shells."""
from ingest.errors import *  # noqa: F403
from ingest.errors import (  # noqa: F401 - explicit names for readers and linters
    AssistantError,
    BinaryFileError,
    ConfigError,
    EmbedderMismatchError,
    EmptyFileError,
    EncodingError,
    IndexBusyError,
    IndexCorruptError,
    IndexError_,
    IngestError,
    NeedsOCRError,
    QuestionError,
    StoreUnavailableError,
    UnsupportedFormatError,
)
