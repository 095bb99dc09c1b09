"""One family of errors a person can act on.

    AssistantError                 every error the product raises on purpose
    ├── ConfigError                a setting or flag has a bad value
    ├── IngestError                one input file cannot be read into a Document
    │   ├── EmptyFileError         the file holds no text at all
    │   ├── BinaryFileError        the bytes are not text (an image, an archive, ...)
    │   ├── EncodingError          undecodable, or a legacy Vietnamese encoding (TCVN3, VNI)
    │   ├── NeedsOCRError          a PDF with no text layer
    │   └── UnsupportedFormatError an extension no reader handles
    ├── IndexError_                the index on disk cannot serve this request
    │   ├── EmbedderMismatchError  index built with another embedder or dimension
    │   ├── IndexCorruptError      files missing or unreadable
    │   ├── IndexBusyError         another process is writing this index right now
    │   └── StoreUnavailableError  the Chroma server is down or too slow
    └── QuestionError              the question itself cannot be asked (empty, too long)

Every message names the bad value and says what to do. The shells (CLI, HTTP,
Gradio) turn these into exit code 1, a 4xx JSON body or ``gr.Error``; anything
else is a bug and is reported as an internal error without a traceback.
"""


class AssistantError(Exception):
    """Base of every deliberate error; ``str(err)`` is the message for the user."""

    http_status = 400


class ConfigError(AssistantError):
    pass


class IngestError(AssistantError):
    """A single file failed; the rest of a batch still goes in."""

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class EmptyFileError(IngestError):
    pass


class BinaryFileError(IngestError):
    pass


class EncodingError(IngestError):
    pass


class NeedsOCRError(IngestError):
    pass


class UnsupportedFormatError(IngestError):
    pass


class IndexError_(AssistantError):  # trailing underscore: do not shadow the builtin
    http_status = 503


class EmbedderMismatchError(IndexError_):
    http_status = 409


class IndexCorruptError(IndexError_):
    pass


class IndexBusyError(IndexError_):
    http_status = 409


class StoreUnavailableError(IndexError_):
    pass


class QuestionError(AssistantError):
    http_status = 422
