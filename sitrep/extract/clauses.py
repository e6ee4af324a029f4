"""Cut a sentence into clauses that can each tell their own incident.

"A car bomb killed four in Kirkuk, while gunmen shot dead a shopkeeper in Mosul" tells two
incidents; "A bomb exploded, killing five and wounding 12" and "three soldiers and two civilians
were killed" tell one. The cut points are pack data (pack.toml `[clauses]`):

- `separators` (";"): cut after a mark that ends a main clause;
- `connectives` ("while", "mens"): cut before the word when each side names its own place (a
  preposition of places.toml `prepositions` before a capitalised word; the last before the cut
  and the first after it differ): two incidents at one place are told apart by the clustering
  of candidates only if their kinds differ, and "12 rebels were killed while 3 soldiers were
  wounded" is one battle;
- `coordinators` (", and", ", og"): the same, only right after a comma and before a place
  (", and in Mosul, gunmen ..."): "and" joins lists and verb phrases far more often;
- `comma_connectives` (", and elsewhere"): cut before the phrase, only right after a comma; the
  phrase itself says the place changes;
- `fixed_phrases` ("as well as"): start like a connective and join no clauses;
- `converb_endings` (Turkish "-rken,": while): a verb ending before a comma that closes a
  subordinate clause, where the language joins clauses with a suffix instead of a word: cut
  after the comma, on the same conditions as a connective;
- `topic_particles` (Turkish "ise": as for): a particle right after the subject of a new clause
  (", silahlı kişiler ise Kandahar'da ..."): cut at the comma before the subject, one to three
  words before the particle, on the same conditions as a connective.

`earlier_asides` cut nothing: they open, right after a comma, an aside that tells something from
before the main clause's incident ("The newspaper, which had been firebombed in November 2011,
was attacked"). `earlier_asides` gives their extents, to the next comma or the sentence's end, so
that the aside's date and trigger tell of that earlier event and not of the main clause's.

Every cut needs an event trigger on each side, the one after it not referential ("the attack"
names an event told already), with a new subject before it: one to eight words between the
connective and the trigger ("while gunmen shot", not "while fighting" or "and wounded 12"; after
a comma connective, a fronted phrase itself, none are needed; nor before a verb of actors.toml
`fronting_verbs` followed by a word, its subject: verb-first "فيما قتل مسلحون"). Conservative on purpose: a missed
cut leaves two incidents in one
clause, a wrong one splits a toll from its trigger.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass

from sitrep.extract.sentences import Sentence
from sitrep.extract.triggers import Trigger, find_triggers
from sitrep.lang import LanguagePack, alternation
from sitrep.records import Span

# How many words after a place preposition its name may start ("in the northern city of Mosul").
_NAME_REACH = 5
# How many words may stand between a connective and the trigger of the clause it opens (a
# verb-final language tells subject, time, object and place before it: "در حالی که افراد مسلح در
# همان روز دو پلیس را در موصل به ضرب گلوله کشتند").
_SUBJECT_REACH = 12
_CLOSED = re.compile(r"[)\]]")


@dataclass(frozen=True)
class _Rules:
    cut: re.Pattern[str]  # groups: sep (the mark), word or cword (the joining word: the clause starts there)
    coordinator: frozenset[str]  # lower-cased coordinator phrases
    fixed: re.Pattern[str]  # phrases that start like a connective and join no clauses ("as well as")
    place: re.Pattern[str]  # a place preposition and the words after it
    verb_first: re.Pattern[str]  # actors.toml fronting_verbs, then a word that is no figure: "قتل مسلحون"
    suffixed: re.Pattern[str]  # a name with its case suffix after an apostrophe ("Kerkük'te")


def _words(phrases: list[str]) -> str:
    return alternation([r"\s+".join(map(re.escape, p.split())) for p in phrases])


_NEVER = r"(?!x)x"


def _build_rules(pack: LanguagePack) -> _Rules:
    table = pack["pack"]["clauses"]
    alternatives = []
    if table["separators"]:
        alternatives.append(rf"(?P<sep>{alternation([re.escape(s) for s in table['separators']])})(?=\s)")
    # Coordinators only after a comma, like the comma connectives; the longest phrase first
    # (", and elsewhere" is a connective, not the coordinator "and").
    after_comma = table["comma_connectives"] + table["coordinators"]
    if after_comma:
        alternatives.append(rf",\s*(?P<cword>{_words(after_comma)})(?![\w-])")
    if table["connectives"]:
        # An elided connective touches the next word: "tandis qu'à Gao".
        alternatives.append(rf",?\s*(?<![\w-])(?P<word>{_words(table['connectives'])})(?:(?<=['’])|(?![\w-]))")
    if table["converb_endings"]:
        # The verb keeps its ending; the clause after it starts past the comma.
        alternatives.append(rf"(?<=[^\W\d_])(?:{_words(table['converb_endings'])})(?P<ending>,)(?=\s)")
    if table["topic_particles"]:
        particles = _words(table["topic_particles"])
        alternatives.append(rf",(?=\s)(?P<topic>(?:\s+[^\W\d_][\w'’-]*){{1,3}}?\s+(?:{particles})(?![\w-]))")
    prepositions = _words(list(pack["places"]["prepositions"]))
    verbs = pack["actors"]["roles"]["fronting_verbs"]
    suffixes = pack["places"]["name_suffixes"]
    return _Rules(
        cut=re.compile("|".join(alternatives) or _NEVER, re.IGNORECASE),
        coordinator=frozenset(" ".join(c.lower().split()) for c in table["coordinators"]),
        fixed=re.compile(
            rf"(?:{_words(table['fixed_phrases'])})(?![\w-])" if table["fixed_phrases"] else _NEVER, re.IGNORECASE
        ),
        place=re.compile(rf"(?<![\w-])(?:{prepositions})((?:\s+[^\W\d_][\w'’-]*){{1,{_NAME_REACH}}})", re.IGNORECASE),
        verb_first=re.compile(rf"(?:{_words(verbs)})\s+[^\W\d_]", re.IGNORECASE) if verbs else re.compile(_NEVER),
        suffixed=re.compile(rf"(?<![\w'’-])([^\W\d_][\w-]*)['’](?:{_words(suffixes)})(?![\w'’])", re.IGNORECASE)
        if suffixes
        else re.compile(_NEVER),
    )


@dataclass(frozen=True, slots=True)
class _Cut:
    left_end: int  # relative to the sentence: where the clause before it ends
    right_start: int  # where the clause after it starts
    words_from: int  # where the words after the mark or connective start
    places: bool  # must each side name its own place?
    subject: bool  # must a word stand between it and the trigger after it?
    fronted_place: bool  # must the clause after it start with a place (", and in Mosul, ...")?


def split_clauses(sentence: Sentence, pack: LanguagePack, triggers: list[Trigger] | None = None) -> list[Sentence]:
    """The clauses of sentence, spans absolute like the sentence's; [sentence] when it has one.
    triggers: the triggers already found in the text (absolute spans), to save finding them again."""
    text = sentence.text
    rules = pack.compiled(_build_rules)
    cuts = _candidate_cuts(text, rules)
    if not cuts:
        return [sentence]
    found = _Found(text, rules)
    # The place conditions first: they are cheap, and few cuts pass them.
    cuts = [c for c in cuts if found.places_allow(c)]
    if not cuts:
        return [sentence]
    found.read_triggers(_local_triggers(sentence, pack, triggers))
    clauses: list[Sentence] = []
    start = 0
    for cut in cuts:
        if cut.left_end > start and found.joins_two_incidents(start, cut):
            _append(clauses, sentence, start, cut.left_end)
            start = cut.right_start
    _append(clauses, sentence, start, len(text))
    return clauses or [sentence]


def _candidate_cuts(text: str, rules: _Rules) -> list[_Cut]:
    cuts = []
    for m in rules.cut.finditer(text):
        name = str(m.lastgroup)
        if name == "sep":
            cuts.append(_Cut(m.start(), m.end(), m.end(), places=False, subject=True, fronted_place=False))
        elif name == "ending":  # "öldürürken, silahlı kişiler ...": like a connective
            cuts.append(_Cut(m.start(name), m.end(), m.end(), places=True, subject=True, fronted_place=False))
        elif name == "topic":  # ", silahlı kişiler ise ...": the clause starts at its subject
            start = m.start(name) + len(m.group(name)) - len(m.group(name).lstrip())
            cuts.append(_Cut(m.start(), start, start, places=True, subject=True, fronted_place=False))
        elif not rules.fixed.match(text, m.start(name)):
            # A comma connective ("and elsewhere") says itself that the place changes.
            coordinator = " ".join(m.group(name).lower().split()) in rules.coordinator
            conjunction = name == "word" or coordinator
            cuts.append(
                _Cut(
                    m.start(),
                    m.start(name),
                    m.end(name),
                    places=conjunction,
                    subject=conjunction,
                    fronted_place=coordinator,
                )
            )
    return cuts


def _local_triggers(sentence: Sentence, pack: LanguagePack, triggers: list[Trigger] | None) -> list[Trigger]:
    """The sentence's triggers with spans relative to it."""
    if triggers is None:
        return find_triggers(sentence.text, pack)
    lo, hi = sentence.span.start, sentence.span.end
    return [dataclasses.replace(t, span=t.span.shift(-lo)) for t in triggers if lo <= t.span.start and t.span.end <= hi]


class _Found:
    """The triggers and place names of one sentence, looked up by position (bisect: a sentence with
    hundreds of "and" stays linear)."""

    def __init__(self, text: str, rules: _Rules) -> None:
        self.text, self.rules = text, rules
        self.places = _place_names(text, rules)
        self.place_starts = [at for at, _ in self.places]
        self.read_triggers([])

    def read_triggers(self, triggers: list[Trigger]) -> None:
        self.triggers = sorted(triggers, key=lambda t: t.span.start)
        self.starts = [t.span.start for t in self.triggers]
        self.reporting = [t for t in self.triggers if not t.referential]
        self.reporting_starts = [t.span.start for t in self.reporting]

    def places_allow(self, cut: _Cut) -> bool:
        """The place conditions of the cut that do not depend on where the clause before starts."""
        if cut.fronted_place and not self._fronted_place(cut):
            return False
        return not cut.places or self._own_places(0, cut)

    def joins_two_incidents(self, start: int, cut: _Cut) -> bool:
        i = bisect.bisect_left(self.starts, start)
        if i == len(self.triggers) or self.triggers[i].span.end > cut.left_end:
            return False  # no trigger before the cut
        j = bisect.bisect_left(self.reporting_starts, cut.right_start)
        if j == len(self.reporting):
            return False  # none after it that reports an incident
        if not self._new_subject(cut, self.reporting[j]):
            return False
        return not cut.places or self._own_places(start, cut)

    def _new_subject(self, cut: _Cut, trigger: Trigger) -> bool:
        """A few words stand between the connective and the trigger after it: a new subject
        ("while gunmen shot"), not the same subject's next verb ("while fighting", "and wounded
        12") or a trigger far off in a run-on sentence. A comma connective is a fronted phrase
        itself, after which the verb may come first ("og andre steder kidnappet væpnede menn")."""
        between = self.text[cut.words_from : trigger.span.start]
        if _CLOSED.search(between):
            return False  # "while still a member of the group), ambushed": the clause ended
        if cut.subject and not between.split() and self.rules.verb_first.match(self.text, trigger.span.start):
            return True  # verb first, its subject after it: "، فيما قتل مسلحون خمسة مدنيين في الموصل"
        return (1 if cut.subject else 0) <= len(between.split()) <= _SUBJECT_REACH

    def _fronted_place(self, cut: _Cut) -> bool:
        """Does a place stand first after the coordinator (", and in Mosul, gunmen ...")? Then
        what follows is a new clause, not a list item or the same subject's next verb."""
        j = bisect.bisect_left(self.place_starts, cut.words_from)
        return j < len(self.places) and not self.text[cut.words_from : self.place_starts[j]].strip(" \t\n,")

    def _own_places(self, start: int, cut: _Cut) -> bool:
        """The place named last before the cut and the one named first after it differ."""
        i = bisect.bisect_left(self.place_starts, cut.left_end)
        j = bisect.bisect_left(self.place_starts, cut.right_start)
        if i == 0 or j == len(self.places) or self.place_starts[i - 1] < start:
            return False
        return self.places[i - 1][1] != self.places[j][1]


def _caseless(ch: str) -> bool:
    """A letter of a script without upper and lower case."""
    return ch.isalpha() and not ch.isupper() and not ch.islower()


def _place_names(text: str, rules: _Rules) -> list[tuple[int, str]]:
    """Where each place preposition stands and the first capitalised word after it ("in the city of
    Mosul": Mosul), folded; in a script without case (Arabic), the first word after it; and each
    capitalised name with a case suffix, where the language has them."""
    names = []
    for m in rules.place.finditer(text):
        name = next((w for w in m.group(1).split() if w[0].isupper() or _caseless(w[0])), None)
        if name is not None:
            names.append((m.start(), name.casefold()))
    # Where place is a case suffix on the name (places.toml name_suffixes: "Kerkük'te"), the name.
    for m in rules.suffixed.finditer(text):
        if m.group(1)[0].isupper():
            names.append((m.start(), m.group(1).casefold()))
    return sorted(names)


def _build_asides(pack: LanguagePack) -> re.Pattern[str]:
    openers = pack["pack"]["clauses"]["earlier_asides"]
    if not openers:
        return re.compile(_NEVER)
    # The aside runs from its opener to the next comma or semicolon, or to the sentence's end.
    return re.compile(rf",\s*(?<![\w-])((?:{alternation(openers)})(?![\w-])[^,;]*)", re.IGNORECASE)


def earlier_asides(sentence: Sentence, pack: LanguagePack) -> list[Span]:
    """The asides of the sentence that tell something earlier than its main clause (pack.toml
    `[clauses] earlier_asides`: ", which had been firebombed in 2011,"), spans absolute like the
    sentence's, each from its opener to the next comma or the sentence's end."""
    shift = sentence.span.start
    return [Span(m.start(1) + shift, m.end(1) + shift) for m in pack.compiled(_build_asides).finditer(sentence.text)]


def _append(clauses: list[Sentence], sentence: Sentence, start: int, end: int) -> None:
    chunk = sentence.text[start:end]
    stripped = chunk.strip().rstrip(",")
    stripped = stripped.rstrip()
    if not stripped:
        return
    s = start + len(chunk) - len(chunk.lstrip())
    absolute = sentence.span.start + s
    clauses.append(Sentence(Span(absolute, absolute + len(stripped)), stripped))
