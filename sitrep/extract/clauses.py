"""Clauses: the parts of a sentence that can each tell an incident of their own. (Placeholder
until the clause splitter lands: one clause per sentence.)"""

from __future__ import annotations

from sitrep.extract.sentences import Sentence
from sitrep.lang import LanguagePack


def split_clauses(sentence: Sentence, pack: LanguagePack) -> list[Sentence]:
    return [sentence]
