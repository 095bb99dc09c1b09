"""Reading a question: every piece of question-side language knowledge, and the one entry point.

    read.read(raw, knowledge, history, provinces)  → a frozen ``question.Question``: cleaned, accents put back
                                                     (accents.py), places, documents named, then question.analyse
    question.py        the Question value and analyse: language, places, years, intent, follow-ups
    lexicon.py         every word list (question kinds, asked parts, table columns, the parts a sentence states)
    glossary.py        English → Vietnamese terms (an English question's words as the documents write them), with
                       glossary_documents.py (the words of every kind of document, not of one topic)
    english.py         an English question's Vietnamese phrases and the words the glossary does not read
    accents.py         the accent restorer (it applies the index's own word statistics to a question)
    legal.py           legal places named ("khoản 3 Điều 2") and found in a document
    asked.py           the type of value asked (a duration, a year, a count in a unit) and whether a text holds one
    wanted.py          every part a question wants, and whether a sentence states it
    question_words.py  the question's words (word segmentation) and the share of them a source holds

Nothing outside this package reads a question's raw text: answering reads the ``Question``.
"""
