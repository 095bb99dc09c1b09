"""Matrix products on one BLAS thread.

OpenBLAS's worker threads spin for a while after a product, waiting for the next: on two cores they take the
core the embedder's own threads need next. A question's products are small (a vector against 10⁴–10⁵ rows: bound
by memory, not arithmetic), so they run on one thread, and the embedder's next call keeps both cores. Measured:
the word alignment's products (one English word against ~12,000 Vietnamese words) made the search's query vector
that follows 4 ms slower with OpenBLAS's two threads; the vector memory's product cost 3–8.5 ms wall with two
where one thread takes 0.05–0.12 ms under load (``index/vector_memory.py``).
"""
from __future__ import annotations

_blas = None  # threadpoolctl's view of the loaded BLAS, made at the first product (numpy is loaded by then)


def one_blas_thread():
    """A context in which BLAS runs on one thread (the process's setting is restored after)."""
    global _blas
    if _blas is None:
        from threadpoolctl import ThreadpoolController

        _blas = ThreadpoolController().select(user_api="blas")
    return _blas.limit(limits=1)
