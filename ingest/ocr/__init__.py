"""Scanned pages: the OCR engines and a page's words laid out as a text PDF's lines."""
