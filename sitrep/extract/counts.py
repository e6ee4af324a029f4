"""Casualty mentions: killed and wounded figures, from casualties.toml and numbers.toml.
OWNER: counts helper. Contract below is used by extract/assemble.py."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.lang import LanguagePack
from sitrep.records import Count, Span


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    kind: str  # 'killed' | 'wounded'
    count: Count
    span: Span  # the whole phrase
    number_span: Span
    victims: str | None = None  # victim noun as written ("shepherds"), for actor2
    revised: bool = False  # "the toll rose to 64"
    rule: str = ""


def parse_number(phrase: str, pack: LanguagePack) -> Count | None:
    raise NotImplementedError


def find_casualties(text: str, pack: LanguagePack) -> list[CasualtyMention]:
    raise NotImplementedError
