"""Turn Vietnamese plans and legal texts into located chunks and target-table rows."""
from .model import Chunk, DocMeta, Document, Footnote, TableRow, TargetValue

__all__ = ["Chunk", "DocMeta", "Document", "Footnote", "TableRow", "TargetValue"]
