"""The parser's version, kept beside the parser.

Bump ``INGEST_VERSION`` when parsing or search text changes: an index made by an older parser is
re-parsed from the texts it stores (no source file needed) on the next start (``index/store.py``),
and an evaluation's cached index (``eval/docindex.py``) is keyed by it.

20: one row model — a document's target rows and other tables' rows are one list (``Document.rows``), a
chunk's row one field (``Chunk.row``); search texts and evidence units unchanged, so vectors are kept. (19 was
a structure change, reverted: an evaluation's index cached under 19 is not this parser's.)
"""

INGEST_VERSION = 20
