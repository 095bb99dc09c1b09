"""The ground floor: what every other package stands on and may import.

    errors        the one ``AssistantError`` family (ingest, index, question and setting errors)
    normalize     Unicode form, tone-mark style, folding, PDF line-wrap joining, search forms
    provinces     finding Vietnamese province names in text, in any spelling
    admin_units   the provincial units before and after the 2025 merger, and their level words
    symbols       the abbreviations inside document symbols ("QĐ-UBND"), spelled out for search

Nothing here imports ``ingest``, ``index``, ``assistant`` or ``web``.
"""
