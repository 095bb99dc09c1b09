"""Ways of answering, one small module each, every one a function over the question's ``Context``.

    document_facts   who signed, number, date, effect, what it implements, which document
    legal_place      "khoản 3 Điều 2 …": exactly that place
    comparison       one indicator across places; two rows of one table
    counts           how many entries a list table holds under a group; else the better of
    row_matches      the rows of a table that match what is named (a figure below/above, an agency, words)
    listed           a list of the text (inline names, numbered items, a series of forms) or a stated total
    table_row        a row of any table × the column asked; a target row × the year asked
    clause           the sentences of a clause that answer

Which one answers is decided in one place, ``assistant.answering`` (the order), with the thresholds
in ``assistant.answers.thresholds``. A strategy returns an ``Answer``, or None where it has none.
"""
