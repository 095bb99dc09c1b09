"""Vectors in Chroma, BM25 beside them, and hybrid retrieval over both."""
