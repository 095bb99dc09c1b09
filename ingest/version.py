"""The parser's version, kept beside the parser.

Bump ``INGEST_VERSION`` when parsing or search text changes: an index made by an older parser is
re-parsed from the texts it stores (no source file needed) on the next start (``index/store.py``),
and an evaluation's cached index (``eval/docindex.py``) is keyed by it.
"""

INGEST_VERSION = 18
