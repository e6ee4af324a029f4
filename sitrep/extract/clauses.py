"""Cut a sentence into clauses that can each tell their own incident.

"A car bomb killed four in Kirkuk, while gunmen shot dead a shopkeeper in Mosul" tells two
incidents; "A bomb exploded, killing five and wounding 12" and "three soldiers and two civilians
were killed" tell one. The cut points are pack data (pack.toml `[clauses]`):

- `separators` (";"): cut after a mark that ends a main clause;
- `connectives` ("while", "mens"): cut before the word;
- `comma_connectives` (", as"): the same, only right after a comma ("as many as" joins nothing);
- `coordinators` ("and", "og"): cut before the word only when a new subject stands between it and
  the next trigger, and each side names its own place (a preposition of places.toml
  `prepositions` before a capitalised word, not the same on both sides).

Every cut needs an event trigger on each side, the one after it not referential ("the attack"
names an event told already). Conservative on purpose: a missed cut leaves two incidents in one
clause, a wrong one splits a toll from its trigger.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from sitrep.extract.sentences import Sentence
from sitrep.extract.triggers import Trigger, find_triggers
from sitrep.lang import LanguagePack, alternation
from sitrep.records import Span

# How many words after a place preposition its name may start ("in the northern city of Mosul").
_NAME_REACH = 5


@dataclass(frozen=True)
class _Rules:
    cut: re.Pattern[str]  # groups: sep (the mark), word (the joining word; clause starts there)
    coordinator: frozenset[str]  # lower-cased coordinator phrases
    place: re.Pattern[str]  # a place preposition and the words after it


def _words(phrases: list[str]) -> str:
    return alternation([r"\s+".join(map(re.escape, p.split())) for p in phrases])


@functools.cache
def _rules(pack: LanguagePack) -> _Rules:
    table = pack["pack"]["clauses"]
    alternatives = []
    if table["separators"]:
        alternatives.append(rf"(?P<sep>{alternation([re.escape(s) for s in table['separators']])})(?=\s)")
    # Comma connectives first: ", and elsewhere" is one, not the coordinator "and".
    if table["comma_connectives"]:
        alternatives.append(rf",\s*(?P<cword>{_words(table['comma_connectives'])})(?![\w-])")
    if table["connectives"] or table["coordinators"]:
        alternatives.append(rf",?\s*(?<![\w-])(?P<word>{_words(table['connectives'] + table['coordinators'])})(?![\w-])")
    never = r"(?!x)x"
    prepositions = _words(list(pack["places"]["prepositions"]))
    return _Rules(
        cut=re.compile("|".join(alternatives) or never, re.IGNORECASE),
        coordinator=frozenset(" ".join(c.lower().split()) for c in table["coordinators"]),
        place=re.compile(rf"(?<![\w-])(?:{prepositions})((?:\s+[^\W\d_][\w'’-]*){{1,{_NAME_REACH}}})", re.IGNORECASE),
    )


@dataclass(frozen=True, slots=True)
class _Cut:
    left_end: int  # relative to the sentence: where the clause before it ends
    right_start: int  # where the clause after it starts
    coordinator: bool


def split_clauses(sentence: Sentence, pack: LanguagePack, triggers: list[Trigger] | None = None) -> list[Sentence]:
    """The clauses of sentence, spans absolute like the sentence's; [sentence] when it has one.
    triggers: the triggers already found in the text (absolute spans), to save finding them again."""
    text = sentence.text
    rules = _rules(pack)
    cuts = list(_candidate_cuts(text, rules))
    if not cuts:
        return [sentence]
    local = _local_triggers(sentence, pack, triggers)
    clauses: list[Sentence] = []
    start = 0
    for cut in cuts:
        if cut.left_end > start and _joins_two_incidents(text, start, cut, local, rules):
            _append(clauses, sentence, start, cut.left_end)
            start = cut.right_start
    _append(clauses, sentence, start, len(text))
    return clauses or [sentence]


def _candidate_cuts(text: str, rules: _Rules) -> list[_Cut]:
    cuts = []
    for m in rules.cut.finditer(text):
        name = str(m.lastgroup)
        if name == "sep":
            cuts.append(_Cut(m.start(), m.end(), False))
            continue
        phrase = " ".join(m.group(name).lower().split())
        cuts.append(_Cut(m.start(), m.start(name), name == "word" and phrase in rules.coordinator))
    return cuts


def _local_triggers(sentence: Sentence, pack: LanguagePack, triggers: list[Trigger] | None) -> list[Trigger]:
    """The sentence's triggers with spans relative to it."""
    if triggers is None:
        return find_triggers(sentence.text, pack)
    lo, hi = sentence.span.start, sentence.span.end
    return [dataclasses.replace(t, span=t.span.shift(-lo)) for t in triggers if lo <= t.span.start and t.span.end <= hi]


def _joins_two_incidents(text: str, start: int, cut: _Cut, triggers: list[Trigger], rules: _Rules) -> bool:
    if not any(start <= t.span.start and t.span.end <= cut.left_end for t in triggers):
        return False
    after = [t for t in triggers if t.span.start >= cut.right_start and not t.referential]
    if not after:
        return False
    if not cut.coordinator:
        return True
    return _new_subject(text, cut, after[0]) and _own_places(text, start, cut, rules)


def _new_subject(text: str, cut: _Cut, trigger: Trigger) -> bool:
    """A word stands between the coordinator and the trigger after it: "and gunmen shot", not the
    verb phrase of the same subject, "and wounded 12"."""
    between = text[cut.right_start : trigger.span.start].split()
    return len(between) >= 2  # the coordinator itself and at least one word


def _own_places(text: str, start: int, cut: _Cut, rules: _Rules) -> bool:
    left = _place_names(text[start : cut.left_end], rules)
    right = _place_names(text[cut.right_start :], rules)
    return bool(left) and bool(right - left)


def _place_names(text: str, rules: _Rules) -> set[str]:
    """The first capitalised word after each place preposition ("in the city of Mosul": Mosul)."""
    names = set()
    for m in rules.place.finditer(text):
        name = next((w for w in m.group(1).split() if w[0].isupper()), None)
        if name is not None:
            names.add(name.casefold())
    return names


def _append(clauses: list[Sentence], sentence: Sentence, start: int, end: int) -> None:
    chunk = sentence.text[start:end]
    stripped = chunk.strip().rstrip(",")
    stripped = stripped.rstrip()
    if not stripped:
        return
    s = start + len(chunk) - len(chunk.lstrip())
    absolute = sentence.span.start + s
    clauses.append(Sentence(Span(absolute, absolute + len(stripped)), stripped))
