"""Casualty mentions: killed and wounded figures, from casualties.toml and numbers.toml.
Used by extract/assemble.py.

Figures: `parse_number` reads one figure ("13", "5,200", "tjuetre", "about 50", "10-15",
"dozens") as a `Count(low, best, high)`:
  exact "13"                    -> Count(13, 13, 13)
  approx "about 50"             -> Count(50, 50, 50)     ACLED codes the stated figure
  at least "more than 100"      -> Count(100, 100, None) the figure is a floor
  at most "nearly 30", "as many as 40", "up to 40"
                                -> Count(None, 40, 40)   a high estimate: the real toll may be lower,
                                                         so low is unknown; best is the stated figure
                                                         (ACLED codes the figure a report gives) and any
                                                         exact figure for the same victims beats it
  range "10 to 15"              -> Count(10, 10, 15)     best is the lowest figure, as the benchmark codes it
  vague "dozens"                -> Count(12, None, None) ACLED's estimate kept in low; exported fatalities stay null

Casualties: `find_casualties` runs the pack's [[pattern]] rows (regular expressions built from
its word lists) near casualty words only, keeps one phrase per figure, sums the figures of one
victim list ("three soldiers and two civilians were killed" = 5), drops deaths from other causes
("died of a disease", "died in the crash"), and drops running tallies
("more than 300 killed this year", "so far this year, 500 people have been killed"): a statistic
is not an event (`keep_aggregates=True` keeps them, marked `aggregate`). Each mention also says
where its sentence starts, whether its victims name everyone ("people") or one group ("soldiers"),
and whether it is a part of a toll given beside it ("including three policemen"), so that
extract/tolls.py can tell disjoint groups of one sentence (summed) from restatements (not).

Everything compiled is built once per pack (`LanguagePack.compiled`); code never branches on a language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import regex

from sitrep.errors import PackError
from sitrep.extract.pattern_atoms import PLACEHOLDER, QUANTIFIER, atom_end, branches, group_body
from sitrep.lang import LanguagePack, figure_value
from sitrep.records import Count, Span

_FLAGS = re.IGNORECASE  # MUC-4 radio transcripts are ALL-CAPS
# Punctuation that closes a clause or a sentence (script-level, not language-level).
# A stop may carry reference marks ("killed.[1][3] The ...", encyclopaedia text).
_CLAUSE_MARK = re.compile(r"[.!?;:,](?:\[\d{1,3}\])*(?=\s)|\n\s*\n")
_SENTENCE_MARK = re.compile(r"[.!?](?:\[\d{1,3}\])*(?=\s)|\n\s*\n")
# A sentence, or a line: a headline with no full stop ends at its line break. Used where a line
# break must part two phrases ("5 soldiers killed\nFive troops died ..." restates one toll).
_LINE_MARK = re.compile(r"[.!?](?:\[\d{1,3}\])*(?=\s)|\n")
# Between a figure and the same figure written again in brackets: "ثمانية وثمانون (88)".
_RESTATED = re.compile(r"\s*\(\s*")
# How far around a casualty word the patterns look (characters): a victim list before a passive
# verb rarely runs longer than _FIGURE_REACH; verb-led phrases start within _BEFORE of it.
_BEFORE, _AFTER, _FIGURE_REACH, _CLAUSE_REACH = 80, 200, 100, 300
# How far from a figure an addition cue ("another", "more") may sit: one short word away.
_ADDITION_REACH = 12
# Lists whose words make a casualty phrase; every [[pattern]] row contains one of them.
_ANCHOR_KEYS = (
    "killed_passive",
    "killed_active",
    "killed_nouns",
    "killing_nouns",
    "wounded_passive",
    "wounded_active",
    "wounded_nouns",
    "toll_killed",
    "toll_wounded",
    "dead_states",
    "wounded_states",
    "lives",
    "no_casualties",
    "no_deaths",
    "unharmed",  # optional: read with .get, a pack without it has no such rows
)
# Lists that are verbs: a word from them is never an adjective before a victim noun.
_VERB_KEYS = (
    "aux",
    "killed_passive",
    "killed_active",
    "killed_nouns",
    "wounded_passive",
    "wounded_active",
    "wounded_nouns",
    "dead_states",
    "wounded_states",
    "left_verbs",
)


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    kind: str  # 'killed' | 'wounded'
    count: Count
    span: Span  # the whole phrase
    number_span: Span
    victims: str | None = None  # victim noun as written ("shepherds"), for actor2
    revised: bool = False  # "the toll rose to 64"
    rule: str = ""
    sentence: int = -1  # where its sentence (or headline line) starts; -1 unknown
    total: bool = True  # no victim noun, or one that names everyone ("people", "victims")
    part: bool = False  # a part of a toll given beside it ("..., including three policemen")
    added: bool = False  # victims on top of a toll told before ("killing two more", "another five")
    aggregate: bool = False  # a running tally or statistic, kept only on request


# ---------------------------------------------------------------- regex text helpers


def _spaced(fragment: str) -> str:
    """A space in pack data matches any whitespace run: wire copy breaks lines mid-phrase."""
    return re.sub(r" +", r"\\s+", fragment)


def _literal(word: str) -> str:
    return r"\s+".join(re.escape(w) for w in word.split())


_SPECIAL = frozenset("\\.^$*+?{}[]|()")


def _plain_head(fragment: str) -> bool:
    """Whether the fragment starts with a plain character that no quantifier follows."""
    return bool(fragment) and fragment[0] not in _SPECIAL and fragment[1:2] not in ("?", "*", "+", "{")


def _alt(fragments: Iterable[str]) -> str:
    """An alternation shaped as a trie on leading characters, longest first within each branch
    ('shot dead' before 'shot', 'seksti' before 'seks'). Python's re tries alternatives one by
    one, so sharing prefixes makes long word lists cheap to reject."""
    heads: dict[str, list[str]] = {}
    rest: list[str] = []
    for f in sorted(set(fragments), key=len, reverse=True):
        if _plain_head(f):
            heads.setdefault(f[0].lower(), []).append(f[1:])
        else:
            rest.append(f)
    branches = [re.escape(h) + (_alt(tails) if len(tails) > 1 else tails[0]) for h, tails in heads.items()]
    return "(?:" + "|".join(branches + rest) + ")"


def _words(fragments: Iterable[str]) -> str:
    # A word that ends in an apostrophe is elided and touches the next ("l'otage", "d'un soldat").
    return rf"(?<!\w){_alt(fragments)}(?:(?<=['’])|(?!\w))"


def _separator(word: str) -> str:
    """'to' needs spaces around it; '-' may touch its figures ('10-15')."""
    return rf"\s+{_literal(word)}\s+" if word[0].isalnum() else rf"\s*{re.escape(word)}\s*"


def _joiner(j: str) -> str:
    """Between two number words: ' ' is any whitespace, '' glues them ("tjuetre")."""
    return r"\s+" if j.isspace() else r"\s*" + re.escape(j) + r"\s*" if j else ""


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


# ---------------------------------------------------------------- figures (numbers.toml)


@dataclass(frozen=True)
class _Numbers:
    values: dict[str, int]  # number word or article -> value
    scales: frozenset[str]
    articles: frozenset[str]
    vague: dict[str, int]
    modifier_kind: dict[str, str]  # "more than" -> "at_least"
    group_marks: str
    decimal_marks: str
    years: tuple[int, int]
    grammar: dict[str, str]  # one figure, without groups, as `_figure_grammar` writes it
    parser: re.Pattern[str]  # the same with named groups
    token: re.Pattern[str]  # one number word
    and_words: re.Pattern[str]  # "and" in "two hundred and fifty", dropped before reading words
    tens: frozenset[str]
    unit_before_ten: bool  # "dreiundzwanzig": a ten after a unit adds to it (23), no new figure
    digit_suffix: re.Pattern[str] | None  # "-tal" in Swedish "50-tal", dropped before reading digits


# ---------------------------------------------------------------- shared sub-patterns
# A sub-pattern used in many places (one figure, a victim noun) is written once, in a grammar
# (name -> pattern text), and called as `(?&name)`. The casualty rows are compiled by the `regex`
# module, which runs such calls: pasting the 6 KB figure pattern into every row instead made
# 380 KB of pattern text per pack, most of a pack's compile time. Patterns for `re` have the
# calls pasted in (`_inlined`). Grammar names start with "_" so they never clash with a row's groups.
_CALL = re.compile(r"\(\?&(\w+)\)")


def _call(name: str) -> str:
    return f"(?&{name})"


def _inlined(pattern: str, grammar: dict[str, str]) -> str:
    """The pattern with every call replaced by the pattern it calls, for `re`."""
    return _CALL.sub(lambda m: "(?:" + _inlined(grammar[m[1]], grammar) + ")", pattern)


def _defined(pattern: str, grammar: dict[str, str]) -> str:
    """The pattern behind a DEFINE block holding what it calls, directly or through another call."""
    names: list[str] = []
    todo = _CALL.findall(pattern)
    while todo:
        name = todo.pop()
        if name not in names:
            names.append(name)
            todo.extend(_CALL.findall(grammar[name]))
    return "(?(DEFINE)" + "".join(f"(?P<{n}>{grammar[n]})" for n in names) + ")" + pattern


def _figure_grammar(t: dict[str, Any], named: bool) -> dict[str, str]:
    """One figure as `_fig`, with its parts: `_fig_word` (one number word), `_fig_one` (one
    figure without modifier or range); `named` puts the groups `_read_figure` reads in `_fig`."""
    w = t["words"]
    group: Callable[[str, str], str] = (lambda n, b: f"(?P<{n}>{b})") if named else (lambda n, b: f"(?:{b})")
    word = _call("_fig_word")
    # A pack without articles (Persian: "یک" is a number word) has none to match, not an empty one.
    art = _alt(_literal(x) for x in w["articles"]) if w["articles"] else "(?!)"
    join = "(?:" + "|".join([rf"\s+{_literal(a)}\s+" for a in w["and"]] + [_joiner(j) for j in w["joiners"]]) + ")"
    gm, dm = (re.escape("".join(w[k])) for k in ("group_separators", "decimal_marks"))
    not_money = "".join(rf"(?<!{re.escape(c)})(?<!{re.escape(c)} )" for c in w["currency_before"])
    scale = _alt(_literal(x) for x in t["scales"])
    # A suffix glued to the digits that keeps the figure: Swedish "ett 50-tal" (about 50).
    suffix = rf"(?:{_alt(_literal(x) for x in w['digit_suffixes'])}(?!\w))?" if w["digit_suffixes"] else ""
    # Digits start a word, or follow a clitic glued to them (Arabic "و45": and 45).
    glued = "".join(rf"|(?<=(?<![\w.,]){re.escape(x)})" for x in w["glued_prefixes"])
    digits = (
        rf"{not_money}(?:(?<![\w.,]){glued})(?:\d{{1,3}}(?:[{gm}]\d{{3}})+|\d+)(?!\d|[{gm}]\d)(?:[{dm}]\d+)?(?!\d){suffix}"
        rf"(?:\s+{scale}(?!\w))?"
    )
    # A figure glued to a hyphen and a word is part of a compound ("25-year-old", "twenty-five-year").
    # A language without articles (Arabic) has none to read as "one": no empty alternative.
    art_alone = rf"|(?<!\w){art}(?!\w)" if w["articles"] else ""
    art_before = rf"(?:{art}\s+)?" if w["articles"] else ""
    one = (
        rf"(?:{digits}|(?<!\w){art_before}{word}(?:{join}{word})*(?!\w){art_alone})"
        rf"(?!{'|'.join(w['not_a_count_after'])}|\s*-\s*[^\W\d])"
    )
    single = _call("_fig_one")
    mods = _alt(_literal(x) for kind in t["modifiers"].values() for x in kind)
    rsep = _alt(_separator(s) for s in w["range_separators"])
    opener, closer = (_alt(_literal(x) for x in w[k]) for k in ("range_openers", "range_closers"))
    vague = _alt(_literal(x) for x in t["vague"])
    followers = _alt(_literal(x) for x in w["vague_followers"])
    # A vague word is tried before a single figure: some start with a number word or an article
    # ("a few", "uma dezena", "et par"), which alone would read as one.
    fig = (
        rf"(?:(?<!\w){group('mod', mods)}\s+)?(?:"
        rf"(?<!\w){opener}\s+{group('lo', single)}\s+{closer}\s+{group('hi', single)}"
        rf"|(?<!\w){group('vague', vague)}(?!\w)(?:\s+{followers}(?!\w))?"
        rf"|{group('one', single)}(?:{rsep}{group('hi2', single)})?)"
    )
    return {
        "_fig": fig,
        "_fig_one": one,
        "_fig_word": _alt(_literal(x) for x in [*t["units"], *t["tens"], *t["scales"]]),
    }


def _numbers(pack: LanguagePack) -> _Numbers:
    return pack.compiled(_build_numbers)


def _build_numbers(pack: LanguagePack) -> _Numbers:
    t = pack["numbers"]
    w = t["words"]
    values = {_norm(k): int(v) for table in ("units", "tens", "scales") for k, v in t[table].items()}
    values.update({_norm(a): 1 for a in w["articles"]})
    # No word edges: glued compounds ("tjuetre", "tohundre") are read word by word.
    token = re.compile(_alt(_literal(x) for x in values), _FLAGS)
    return _Numbers(
        values=values,
        scales=frozenset(_norm(k) for k in t["scales"]),
        articles=frozenset(_norm(a) for a in w["articles"]),
        vague={_norm(k): int(v) for k, v in t["vague"].items()},
        modifier_kind={_norm(x): kind for kind, xs in t["modifiers"].items() for x in xs},
        group_marks="".join(w["group_separators"]),
        decimal_marks="".join(w["decimal_marks"]),
        years=(int(t["years"]["first"]), int(t["years"]["last"])),
        grammar=_figure_grammar(t, named=False),
        parser=re.compile(_inlined(_call("_fig"), _figure_grammar(t, named=True)), _FLAGS),
        token=token,
        and_words=re.compile(_words(_literal(x) for x in w["and"]), _FLAGS),
        tens=frozenset(_norm(k) for k in t["tens"]),
        unit_before_ten=bool(w["unit_before_ten"]),
        digit_suffix=re.compile(rf"(?<=\d){_alt(_literal(x) for x in w['digit_suffixes'])}", _FLAGS)
        if w["digit_suffixes"]
        else None,
    )


def _digits_value(text: str, nums: _Numbers) -> int:
    scale = 1
    if text[-1].isalpha():  # "1.5 million"
        text, word = text.rsplit(" ", 1)
        scale = nums.values[word]
    return round(figure_value(text, nums.group_marks, nums.decimal_marks) * scale)


def _words_value(text: str, nums: _Numbers) -> int | None:
    tokens = [_norm(t) for t in nums.token.findall(nums.and_words.sub(" ", text))]
    if len(tokens) > 1 and tokens[0] in nums.articles and tokens[1] not in nums.scales:
        tokens = tokens[1:]  # "another five soldiers" is five, "a hundred" is a hundred
    total = current = 0
    previous = ""
    for tok in tokens:
        if nums.unit_before_ten and tok in nums.tens and 0 < current % 100 < 10:
            current += nums.values[tok]  # "drei" + "zwanzig" = 23; "zweihundertdrei" + "zwanzig" = 223
            previous = tok
            continue
        # A ten the pack lists among its tens takes a unit after it ("on üç" = 13), a teen word
        # ("thirteen") does not.
        ten_then_unit = previous in nums.tens and tok not in nums.tens
        previous = tok
        if tok not in nums.scales and not ten_then_unit and (current % 10 or 0 < current % 100 < 20):
            # "kills six\nSix people": a word after a unit or a teen starts a new figure (the
            # headline's and the lead's); the last one is the one before the victims.
            total = current = 0
        if tok in nums.scales:
            current = max(current, 1) * nums.values[tok]
            if nums.values[tok] >= 1000:  # "two hundred thousand": close the group
                total, current = total + current, 0
        else:
            current += nums.values[tok]
    return total + current if tokens else None


def _value(text: str, nums: _Numbers) -> int | None:
    text = _norm(text)
    if nums.digit_suffix is not None:
        text = nums.digit_suffix.sub("", text)  # "50-tal" is 50
    return _digits_value(text, nums) if text[0].isdigit() else _words_value(text, nums)


def _bounded(n: int, kind: str | None) -> Count:
    if kind == "at_least":
        return Count(n, n, None)
    if kind == "at_most":
        return Count(None, n, n)
    return Count.exact(n)  # exact, or approx: ACLED codes the stated figure


def _read_figure(m: re.Match[str], nums: _Numbers) -> Count | None:
    if m["vague"]:
        return Count(nums.vague[_norm(m["vague"])], None, None)
    first = _value(m["lo"] or m["one"], nums)
    second_text = m["hi"] or m["hi2"]
    if first is None:
        return None
    if second_text:
        second = _value(second_text, nums)
        if second is not None:
            low, high = sorted((first, second))
            return Count(low, low, high)  # a range: best is the lowest figure
    return _bounded(first, nums.modifier_kind.get(_norm(m["mod"])) if m["mod"] else None)


def parse_number(phrase: str, pack: LanguagePack) -> Count | None:
    """One figure as a Count, or None when `phrase` is not a figure (see the module docstring)."""
    nums = _numbers(pack)
    m = nums.parser.fullmatch(phrase.strip())
    return _read_figure(m, nums) if m else None


def _looks_like_year(text: str, nums: _Numbers) -> bool:
    return text.isdigit() and len(text) == 4 and nums.years[0] <= int(text) <= nums.years[1]


# ---------------------------------------------------------------- casualty phrases (casualties.toml)


@dataclass(frozen=True)
class _Rule:
    kind: str
    name: str
    revised: bool
    figure_led: bool  # the row starts with {num} or {people}: tried only where a figure starts;
    # other rows start with a word list ({killed_active}) and are tried only where `leads` found one
    only_zero: bool  # "no casualties": the row reports that nobody was hurt, never a figure
    groups: tuple[str, ...]  # the row's own groups ("num", "people", "victim", "one")
    count: int = 1  # what a row with no figure counts: one victim, or two for a dual noun ("قتيلين")


@dataclass(frozen=True)
class _Hit:
    """Where one row matched, and its groups (None: not taking part in the match)."""

    rule: int
    span: Span
    groups: dict[str, Span | None]

    def text(self, text: str, group: str) -> str | None:
        span = self.groups.get(group)
        return None if span is None else text[span.start : span.end]


@dataclass(frozen=True)
class _Rows:
    """Rows as one pattern of the `regex` module that matches at every place (`_rows`): one match
    there tells every row of the set that matches there, and its groups."""

    pattern: regex.Pattern[str]
    # Per row: its index, its group's number in the pattern, and its own groups' names and numbers.
    rows: tuple[tuple[int, int, tuple[tuple[str, int], ...]], ...]
    # For `re`, matched wherever one of the rows can match (`_set_test`); None: tried everywhere.
    test: re.Pattern[str] | None = None

    def hits(self, text: str, at: int) -> Iterator[_Hit]:
        """The rows that match at `at`, in row order."""
        if self.test is not None and self.test.match(text, at) is None:
            return
        m = self.pattern.match(text, at)
        assert m is not None, "a `_rows` pattern matches everywhere"
        regs = m.regs
        for i, whole, groups in self.rows:
            start, end = regs[whole]
            if start >= 0:
                yield _Hit(i, Span(start, end), {g: Span(*regs[n]) if regs[n][0] >= 0 else None for g, n in groups})


@dataclass(frozen=True)
class _Casualties:
    rules: tuple[_Rule, ...]
    # Figure-led rows, one set per figure they start with ({num}, {people}): at most places a
    # figure opens one kind of row only, and a set runs in a third of the time of them all.
    figure_rows: tuple[_Rows, ...]
    word_rows: _Rows
    anchors: re.Pattern[str]
    figure: re.Pattern[str]  # one figure, to read the figures inside a victim list
    victim: re.Pattern[str]  # one victim noun
    tally: re.Pattern[str]
    tally_sentence: re.Pattern[str]  # a cue that makes its whole sentence a tally ("so far this year, ...")
    comparison: re.Pattern[str]  # "the deadliest since 2017, when ...": what follows is that incident's
    total_victims: re.Pattern[str]  # victim nouns that name everyone ("people")
    part_cue: re.Pattern[str]  # "including": what follows is a part of a toll given before
    part_victims: re.Pattern[str] | None  # victim nouns that name a part of the victims (compatriots)
    addition: re.Pattern[str]  # "two more", "another five": victims on top of an earlier toll
    other_cause: re.Pattern[str]  # "of a disease", "in the crash" after a phrase or inside it: not violence
    # The same right before it, where a verb-final language tells the cause first ("depremde 40 kişi öldü").
    other_cause_before: re.Pattern[str]
    tally_opening: re.Pattern[str]  # a sentence that starts with a tally word ("Since January, ...")
    leads: re.Pattern[str]  # first words of the rows that are not figure-led
    figure_heads: frozenset[str]  # first words of figures ("at" of "at least", "a", "dozens")
    clitic_digits: re.Pattern[str] | None  # a clitic glued before digits ("و" of "و45")
    glued: re.Pattern[str] | None  # a whole word made of number words ("tjuetre"), where packs glue them
    # Matched (by `re`) wherever a figure-led row, or a word-led row, can match (`_tests`): the
    # rows, which `regex` runs several times slower, are tried only where these match.
    figure_test: re.Pattern[str]
    word_test: re.Pattern[str] | None  # None: the rows are tried wherever their first word stands


def _casualties(pack: LanguagePack) -> _Casualties:
    return pack.compiled(_build_casualties)


def _parts(t: dict[str, Any], nums: _Numbers, number_table: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """The text each {placeholder} of a [[pattern]] row stands for, and the grammar it calls
    (`_ITEM_REST`: what follows the figure in one item of a victim list)."""
    grammar = dict(nums.grammar)
    # Each list is written once, in the grammar, however many rows use it.
    lists = {k: _call(f"_list_{k}") for k, v in t.items() if isinstance(v, list) and k != "pattern"}
    grammar.update({f"_list_{k}": _words(_spaced(x) for x in v) for k, v in t.items() if k in lists})
    fig = _call("_fig")
    number_words = [_literal(x) for x in (*nums.values, *number_table["vague"])]
    stop = _words(
        [*(_spaced(x) for x in t["adjective_stop"]), *number_words, *(_spaced(x) for k in _VERB_KEYS for x in t[k])]
    )
    grammar["_adj"] = rf"(?:(?!{stop})(?:{_alt(t['adjective_extra'])}|[^\W\d_][\w'’-]*)\s+){{0,3}}"
    # Adjectives after the noun where a language puts them there ("soldados ruandeses"): victim_suffix.
    suffix = rf"(?:\s+(?:{_alt(_spaced(x) for x in t['victim_suffix'])})(?!\w))?" if t["victim_suffix"] else ""
    grammar["_noun"] = rf"(?<!\w)(?:{_alt(t['victim_prefix'])})?{_alt(_spaced(x) for x in t['victims'])}(?!\w){suffix}"
    adj, noun = _call("_adj"), _call("_noun")
    grammar[_ITEM_REST] = rf"\s+{adj}{noun}"
    grammar["_item"] = fig + _call(_ITEM_REST)
    item = _call("_item")
    # A group without its own figure shares the one before ("11 troops and pro-government fighters"),
    # but only after a word ("and"), not a bare comma: "wounding 20 others, officials said".
    word_joiner = rf"\s+{_alt(_spaced(x) for x in t['list_joiners'] if x[0].isalnum())}\s+"
    # A figure ends at a mark, at the end of a line (a headline: "Suicide bomber kills 12"), or
    # before a word that starts what follows it ("in", "on").
    grammar["_end"] = rf"(?=\s*(?:[.,;:!?)\]\"'”’—–]|$)|[ \t]*\n|\s+{lists['after_count']})"
    end = _call("_end")
    # A tail never runs over a verb, nor over a revision ("the toll from the attack rose to 64").
    verbs = _words(_spaced(x) for k in ("aux", "killed_passive", "wounded_passive", "revised") for x in t[k])
    # Up to three runs, each opened by a tail word: a verb-final language puts the time, the
    # cause and the place between the victims and the verb ("سه سرباز روز دوشنبه در انفجار بمب
    # در قندهار کشته شدند").
    # A tail never holds another counted group ("... حمله کردند و چهار پلیس را کشتند": four, not
    # one); a figure before any other word is an article ("در یک بمب گذاری").
    other = rf"{_words(number_words)}\s+{noun}"
    grammar["_tail"] = (
        rf"(?:\s+{lists['victim_tail']}(?:\s+(?!{verbs})(?!{other})[^\W\d][\w'’-]*){{1,8}}?(?=\s)){{0,3}}"
    )
    # After a bare mark (a comma, no word) an item with a passive verb of its own starts a clause of
    # its own: "killed 23 people, 41 people were wounded" is two figures, not a list of 64.
    bare = [x for x in t["list_joiners"] if not re.search(r"[^\W\d_]", x)]
    worded = [x for x in t["list_joiners"] if x not in bare]
    passive = rf"\s+(?:{lists['aux']}\s+){{0,4}}(?:{lists['killed_passive']}|{lists['wounded_passive']})"
    joins = [rf"\s*{_alt(_spaced(x) for x in bare)}\s+{item}(?!{passive})"] if bare else []
    joins += [rf"\s*{_alt(_spaced(x) for x in worded)}\s+{item}"] if worded else []
    joined = "|".join(joins) or "(?!)"
    grammar["_people"] = rf"{item}(?:{joined}|{word_joiner}{adj}{noun})*"
    grammar["_object"] = rf"(?:{item}|{fig}{end})"
    parts = {
        **lists,
        "num": f"(?P<num>{fig})",
        "adj": adj,
        "victim": rf"{adj}(?P<victim>{noun})",
        "people": rf"(?P<people>{_call('_people')})",
        "object": _call("_object"),
        "aux": rf"(?:{lists['aux']}\s+){{0,4}}",
        "end": end,
        "tail": _call("_tail"),
        "noun": noun,
    }
    return parts, grammar


def _expand(template: str, parts: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: parts.get(m[1], m[0]), _spaced(template))


def _build_casualties(pack: LanguagePack) -> _Casualties:
    t, nums, number_table = pack["casualties"], _numbers(pack), pack["numbers"]
    parts, grammar = _parts(t, nums, number_table)
    bodies = [_expand(r["regex"], parts) for r in t["pattern"]]
    rules = tuple(
        _Rule(
            r["kind"],
            r["rule"],
            bool(r.get("revised", False)),
            r["regex"].startswith(("{num}", "{people}")),
            bool(r.get("only_zero", False)),
            tuple(_GROUP.findall(body)),
            int(r.get("count", 1)),
        )
        for r, body in zip(t["pattern"], bodies, strict=True)
    )
    lead_keys = {_lead_key(r["regex"], t) for r in t["pattern"]} - {"num", "people"}
    figure = re.compile(_inlined(_call("_fig"), grammar), _FLAGS)
    templates = [_spaced(r["regex"]) for r in t["pattern"]]
    lookup = _relaxer(parts, grammar)
    figure_test, word_test = _tests(templates, [r.figure_led for r in rules], parts, grammar, lookup)
    figure_sets: dict[str, list[int]] = {}
    for i, r in enumerate(t["pattern"]):
        if rules[i].figure_led:
            figure_sets.setdefault(_lead_key(r["regex"], t), []).append(i)
    # In a tally a figure counts days or months, which the figure regex refuses on purpose.
    tally = _words(_expand(x, {"num": r"[\w.,-]+"}) for x in t["tally"])
    whole = _words(_expand(x, {"num": r"[\w.,-]+"}) for x in t["tally_sentence"])
    return _Casualties(
        rules=rules,
        figure_rows=tuple(
            _rows([(i, bodies[i], "") for i in rows], grammar, _set_test([templates[i] for i in rows], lookup))
            for rows in figure_sets.values()
        ),
        word_rows=_rows(
            [
                (i, b, _guard(t[_lead_key(r["regex"], t)]))
                for i, (r, b) in enumerate(zip(t["pattern"], bodies, strict=True))
                if not rules[i].figure_led
            ],
            grammar,
        ),
        anchors=re.compile(_words(_spaced(x) for k in _ANCHOR_KEYS for x in t.get(k, ())), _FLAGS),
        figure=figure,
        victim=re.compile(_inlined(parts["noun"], grammar), _FLAGS),
        tally=re.compile(tally, _FLAGS),
        tally_sentence=re.compile(whole, _FLAGS),
        comparison=re.compile(_words(_spaced(x) for x in t["comparison"]), _FLAGS),
        total_victims=re.compile(_alt(_spaced(x) for x in t["total_victims"]), _FLAGS),
        part_cue=re.compile(_words(_spaced(x) for x in t["part_cues"]), _FLAGS),
        part_victims=re.compile(_alt(_spaced(x) for x in t["part_victims"]), _FLAGS) if t.get("part_victims") else None,
        addition=re.compile(_words(_spaced(x) for x in t["addition_cues"]), _FLAGS),
        other_cause=re.compile(rf"\s+{_words(_spaced(x) for x in t['other_causes'])}", _FLAGS),
        other_cause_before=re.compile(rf"(?<!\w){_words(_spaced(x) for x in t['other_causes'])}\s+$", _FLAGS),
        tally_opening=re.compile(rf"[\W_]*(?:\w+\s+)?{tally}", _FLAGS),  # "In this decade, ..."
        leads=re.compile(_words(_spaced(x) for k in sorted(lead_keys) for x in t[k]), _FLAGS),
        figure_heads=_figure_heads(number_table),
        clitic_digits=re.compile(rf"{_alt(_literal(x) for x in number_table['words']['glued_prefixes'])}(?=\d)")
        if number_table["words"]["glued_prefixes"]
        else None,
        glued=re.compile(_glued(nums, number_table["words"]["and"]), _FLAGS)
        if "" in number_table["words"]["joiners"]
        else None,
        figure_test=figure_test or figure,
        word_test=word_test,
    )


def _glued(nums: _Numbers, and_words: list[str]) -> str:
    """A whole word made of number words ("tjuetre"); with the unit before the ten, joined by
    "and" ("dreiundzwanzig")."""
    word = _alt(_literal(x) for x in nums.values)
    if not nums.unit_before_ten:
        return f"(?:{word})+"
    return f"(?:{word})(?:(?:{_alt(_literal(a) for a in and_words)})?(?:{word}))*"


_GROUP = re.compile(r"\(\?P<(\w+)>")


# ---------------------------------------------------------------- the test before the rows
# `regex` runs the rows several times slower than `re` would run the same text, and at most places
# where a figure or a row's first word stands no row matches. So each set of rows gets a test for
# `re`: a pattern that matches wherever one of its rows matches (and maybe elsewhere). It is the
# rows themselves, relaxed: calls pasted in, lookarounds left out (they only narrow a match), and
# cut short before a figure that is not the row's first (pasting it would cost kilobytes for
# little). Where the test fails no row can match, so leaving the rows out there changes nothing.
_ITEM_REST = "_item_rest"
_CUT = ("num", "people", "object")  # placeholders holding a figure
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")
_CALLED = re.compile(r"\(\?&(\w+)\)")
# What `_relaxed` changes: without any, a pattern is its own relaxation (word lists).
_RELAXABLE = re.compile(r"\(\?|\{[A-Za-z_]|\\[1-9g]")

_Lookup = Callable[[str], "tuple[str, bool] | None"]


def _relaxed(p: str, lookup: _Lookup) -> tuple[str, bool]:
    """A pattern for `re` that matches wherever `p` matches, and whether it is all of `p` (False:
    it is cut short, and nothing may follow it). `lookup` gives what a {placeholder} or a call
    (?&name), asked for as "&name", stands for, relaxed, or None for a placeholder that is not
    one (text, as `_expand` leaves it)."""
    if not _RELAXABLE.search(p):
        return p, True
    texts, whole = [], True
    for atoms in branches(p):
        text, done = _relaxed_atoms(atoms, lookup)
        texts.append(text)
        whole = whole and done
    return "|".join(texts), whole


def _relaxed_atoms(atoms: list[str], lookup: _Lookup) -> tuple[str, bool]:
    out: list[str] = []
    for atom in atoms:
        end = atom_end(atom, 0)
        base, quantifier = atom[:end], atom[end:]
        placeholder, called = PLACEHOLDER.fullmatch(base), _CALLED.fullmatch(base)
        name = placeholder[1] if placeholder else f"&{called[1]}" if called else None
        if base.startswith(_LOOKAROUND):
            continue
        if name and (found := lookup(name)) is not None:
            text, whole = found
        elif base[0] == "(" and (body := group_body(base)) is not None:
            text, whole = _relaxed(body, lookup)
        elif base[0] == "(" or (base[0] == "\\" and (base[1].isdigit() or base[1] == "g")):
            return "".join(out), False  # a group it does not read, a back-reference: the test ends before it
        elif any(lookup(m[1]) is not None for m in PLACEHOLDER.finditer(base)):
            return "".join(out), False  # a placeholder inside a class: the test ends before it
        else:
            out.append(atom)
            continue
        if whole:
            out.append(f"(?:{text}){quantifier}")
            continue
        if not quantifier:
            out.append(f"(?:{text})")  # cut short: what it starts with must still be there
        return "".join(out), False
    return "".join(out), True


def _head(p: str) -> str:
    """The pattern without what may match nothing at its end: a test is matched, never fullmatched,
    so the rest of a row after its last required part adds nothing to it."""
    heads = []
    for atoms in branches(p):
        while atoms and (q := QUANTIFIER.fullmatch(atoms[-1], atom_end(atoms[-1], 0))) and q[0][0] in "?*{":
            if q[0][0] == "{" and not q[0].startswith(("{0,", "{,", "{0}")):
                break
            atoms.pop()
        heads.append("".join(atoms))
    return "|".join(heads)


def _tests(
    templates: list[str],
    figure_led: list[bool],
    parts: dict[str, str],
    grammar: dict[str, str],
    lookup: _Lookup | None = None,
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """`_Casualties.figure_test` and `word_test` for rows (spaced templates); None, None where a
    pack's rows use what `re` cannot compile (the rows are then tried at every figure and lead)."""
    lookup = lookup or _relaxer(parts, grammar)
    figure_test = _set_test([t for t, led in zip(templates, figure_led) if led], lookup)
    words = [_head(_relaxed(t, lookup)[0]) for t, led in zip(templates, figure_led) if not led]
    try:
        return (figure_test, re.compile("|".join(dict.fromkeys(words)), _FLAGS)) if figure_test else (None, None)
    except re.error:
        return None, None


def _set_test(templates: list[str], lookup: _Lookup) -> re.Pattern[str] | None:
    """The test for figure-led rows (spaced templates); None where `re` cannot compile it. Every
    such row starts with a figure, which the test matches once: after it, a victim ({people}: its
    first item) or the rest of a {num} row."""
    (figure, whole), (item_rest, _) = lookup("&_fig") or ("", False), lookup(f"&{_ITEM_REST}") or ("", False)
    rests = [
        _head(item_rest if t.startswith("{people}") else _relaxed(t.removeprefix("{num}"), lookup)[0])
        for t in templates
    ]
    try:
        return re.compile(f"{figure}(?:{'|'.join(dict.fromkeys(rests))})" if whole else figure, _FLAGS)
    except re.error:
        return None


def _relaxer(parts: dict[str, str], grammar: dict[str, str]) -> _Lookup:
    """`_relaxed`'s lookup for a pack's placeholders and grammar, each relaxed once however many
    rows use it."""
    relaxed: dict[str, tuple[str, bool]] = {}

    def lookup(name: str) -> tuple[str, bool] | None:
        if name in _CUT:
            return "", False
        if name not in relaxed:
            text = grammar.get(name[1:]) if name.startswith("&") else parts.get(name)
            if text is None:
                return None
            relaxed[name] = _relaxed(text, lookup)
        return relaxed[name]

    return lookup


def _rows(bodies: list[tuple[int, str, str]], grammar: dict[str, str], test: re.Pattern[str] | None = None) -> _Rows:
    """Rows (index, pattern text, guard) as one pattern: row i, where it matches, as group `_r{i}`
    (inside a lookahead, so that each row matches as it would alone), its own groups as
    `_r{i}_{name}`; the grammar written once for all of them."""

    def row(i: int, body: str, guard: str) -> str:
        return f"(?:(?=(?P<_r{i}>{guard}" + _GROUP.sub(lambda m: f"(?P<_r{i}_{m[1]}>", body) + "))|)"

    pattern = regex.compile(_defined("".join(row(*b) for b in bodies), grammar), regex.IGNORECASE)
    index = pattern.groupindex
    return _Rows(
        pattern,
        tuple(
            (i, index[f"_r{i}"], tuple((g, index[f"_r{i}_{g}"]) for g in _GROUP.findall(body))) for i, body, _ in bodies
        ),
        test,
    )


def _guard(words: list[str]) -> str:
    """A lookahead for the first letters of a row's first words, where each starts with a plain
    letter: `regex` rejects a place by one character faster than by a list of words."""
    if not all(_plain_head(w) for w in words):
        return ""
    return "(?=[" + "".join(sorted({re.escape(w[0]) for w in words})) + "])"


def _lead_key(template: str, t: dict[str, Any]) -> str:
    """Every row starts with a placeholder: a figure ({num}, {people}) or one of the pack's lists."""
    m = re.match(r"\{(\w+)\}", template)
    if not m or (m[1] not in ("num", "people") and not isinstance(t.get(m[1]), list)):
        raise PackError(f"casualties.toml: pattern {template!r} must start with {{num}}, {{people}} or a list")
    return m[1]


def _figure_heads(t: dict[str, Any]) -> frozenset[str]:
    w = t["words"]
    phrases = [
        *t["units"],
        *t["tens"],
        *t["scales"],
        *t["vague"],
        *w["articles"],
        *w["range_openers"],
        *(x for xs in t["modifiers"].values() for x in xs),
    ]
    return frozenset(m[0].lower() for p in phrases if (m := re.match(r"\w+", p)))


_WORD = re.compile(r"\w+")


def _figure_starts(text: str, start: int, end: int, c: _Casualties) -> list[int]:
    """Where a figure may start: digits, a figure's first word, glued number words, or digits
    after a glued clitic ("و45")."""
    out = []
    for m in _WORD.finditer(text, start, end):
        word = m[0].lower()
        if word[0].isdigit() or word in c.figure_heads or (c.glued and c.glued.fullmatch(word)):
            out.append(m.start())
        elif c.clitic_digits and (d := c.clitic_digits.match(word)):
            out.append(m.start() + d.end())
    return out


def _regions(anchors: list[tuple[int, int]], size: int, before: int, after: int) -> Iterator[tuple[int, int]]:
    """The stretches [start - before, end + after] around each anchor, merged."""
    lo = hi = -1
    for a_start, a_end in anchors:
        s, e = max(0, a_start - before), min(size, a_end + after)
        if s > hi >= 0:
            yield lo, hi
            lo = s
        elif lo < 0:
            lo = s
        hi = e
    if lo >= 0:
        yield lo, hi


def _read_people(text: str, start: int, c: _Casualties, nums: _Numbers) -> tuple[Count | None, Span, str | None]:
    """Sum the figures of one victim list; the span runs from the first figure to the last. A
    figure in brackets right after another writes it again ("eighty-eight (88) people"): once."""
    count: Count | None = None
    first = last = None
    for f in c.figure.finditer(text):
        if last is not None and _RESTATED.fullmatch(text, last, f.start()) and text.startswith(")", f.end()):
            continue
        m = nums.parser.fullmatch(f[0])
        value = _read_figure(m, nums) if m else None
        if value is not None:
            count = value if count is None else count + value
            first = f.start() if first is None else first
            last = f.end()
    victim = c.victim.search(text)
    span = Span(start + (first or 0), start + (last or len(text)))
    return count, span, victim[0] if victim else None


def _candidate(text: str, hit: _Hit, c: _Casualties, nums: _Numbers) -> CasualtyMention | None:
    rule = c.rules[hit.rule]
    if "num" not in rule.groups and "people" not in rule.groups:
        # A row with no figure names one victim ("the mayor was killed", "offiseren ble drept"),
        # or, marked only_zero, says in words that nobody was hurt ("Menschen kamen nicht zu Schaden").
        one = hit.groups.get("one") or hit.span
        none_or_one = Count.exact(0) if rule.only_zero else Count.exact(rule.count)
        return CasualtyMention(
            rule.kind, none_or_one, hit.span, one, hit.text(text, "one"), rule.revised, f"{rule.kind}.{rule.name}"
        )
    people, num = hit.groups.get("people"), hit.groups.get("num")
    if people is not None:
        count, number_span, victims = _read_people(text[people.start : people.end], people.start, c, nums)
    elif num is not None:
        figure = text[num.start : num.end]
        parsed = nums.parser.fullmatch(figure)
        count = _read_figure(parsed, nums) if parsed else None
        number_span, victims = num, hit.text(text, "victim")
        if victims is None and _looks_like_year(figure, nums):
            return None  # "an attack in 2014 killed ..." names a year, not a toll
    else:
        return None
    if count is None or (rule.only_zero and count != Count.exact(0)):
        return None
    return CasualtyMention(rule.kind, count, hit.span, number_span, victims, rule.revised, f"{rule.kind}.{rule.name}")


def _choose(found: list[tuple[int, CasualtyMention]]) -> list[CasualtyMention]:
    """One phrase per figure: the longer phrase wins, then the earlier row."""
    found.sort(key=lambda f: (f[1].number_span.start, f[1].span.start - f[1].span.end, f[0]))
    taken: list[CasualtyMention] = []
    for _, cm in found:
        # Taken figures are disjoint and in order, and none starts after cm: only the last one
        # can reach into cm (checking them all made long articles quadratic).
        last = taken[-1].number_span if taken else None
        if last is None or cm.number_span.end <= last.start or cm.number_span.start >= last.end:
            taken.append(cm)
    return taken


def _start(text: str, mark: re.Pattern[str], at: int) -> int:
    """Where the stretch (clause, sentence, line) holding `at` starts, looking back _CLAUSE_REACH."""
    lo = max(0, at - _CLAUSE_REACH)
    return max((m.end() for m in mark.finditer(text, lo, at)), default=lo)


def _end(text: str, mark: re.Pattern[str], at: int) -> int:
    after = mark.search(text, at, at + _CLAUSE_REACH)
    return after.start() if after else min(len(text), at + _CLAUSE_REACH)


def _is_tally(text: str, span: Span, c: _Casualties) -> bool:
    """A tally word in the phrase's clause, opening its sentence, or a strong one ("so far this
    year") anywhere in its sentence, marks a running total; a comparison before it in its
    sentence ("the deadliest since 2017, when ...") marks an earlier incident's toll."""
    if c.tally.search(text, _start(text, _CLAUSE_MARK, span.start), _end(text, _CLAUSE_MARK, span.end)):
        return True
    sentence_start = _start(text, _SENTENCE_MARK, span.start)
    if c.tally_opening.match(text, sentence_start, span.start) is not None:
        return True
    if c.comparison.search(text, sentence_start, span.start) is not None:
        return True  # an earlier incident's toll, named for comparison
    return c.tally_sentence.search(text, sentence_start, _end(text, _SENTENCE_MARK, span.end)) is not None


def _situate(text: str, cm: CasualtyMention, c: _Casualties, aggregate: bool) -> CasualtyMention:
    """The facts extract/tolls.py needs to tell disjoint groups from restatements."""
    total = cm.victims is None or c.total_victims.fullmatch(cm.victims) is not None
    part = c.part_cue.search(text, _start(text, _CLAUSE_MARK, cm.span.start), cm.span.start) is not None
    # "Zwei Deutsche verletzt": the readers' compatriots among the victims, a part of the toll.
    part = part or (c.part_victims is not None and c.part_victims.fullmatch(cm.victims or "") is not None)
    # The cue sits around the figure: "another five", "two more", "a further 3".
    lo, hi = max(0, cm.number_span.start - _ADDITION_REACH), cm.number_span.end + _ADDITION_REACH
    added = c.addition.search(text[lo:hi]) is not None
    return replace(
        cm, sentence=_start(text, _LINE_MARK, cm.span.start), total=total, part=part, added=added, aggregate=aggregate
    )


def _matches(text: str, c: _Casualties) -> Iterator[_Hit]:
    """Every row's match, tried only near casualty words: figure-led rows where a figure starts
    shortly before one, the others where their first word occurs."""
    anchors = [m.span() for m in c.anchors.finditer(text)]
    for start, end in _regions(anchors, len(text), _FIGURE_REACH, 0):
        for p in _figure_starts(text, start, end, c):
            if c.figure_test.match(text, p):
                for rows in c.figure_rows:
                    yield from rows.hits(text, p)
    for start, end in _regions(anchors, len(text), _BEFORE, _AFTER):
        for lead in c.leads.finditer(text, start, end):
            if c.word_test is None or c.word_test.match(text, lead.start()):
                yield from c.word_rows.hits(text, lead.start())


def _kinds(cm: CasualtyMention) -> tuple[CasualtyMention, ...]:
    """A "casualties" row ("no casualties") gives a killed and a wounded figure."""
    if cm.kind != "casualties":
        return (cm,)
    name = cm.rule.split(".", 1)[-1]
    return replace(cm, kind="killed", rule=f"killed.{name}"), replace(cm, kind="wounded", rule=f"wounded.{name}")


def find_casualties(text: str, pack: LanguagePack, keep_aggregates: bool = False) -> list[CasualtyMention]:
    """Killed and wounded phrases in an article, in text order; spans are offsets into `text`.
    Running tallies are dropped, or kept with `aggregate` set when `keep_aggregates` is true (a
    salience feature: a clause whose toll is a tally reports a statistic, not an incident)."""
    return read_casualties(text, pack, keep_aggregates)[0]


def read_casualties(
    text: str, pack: LanguagePack, keep_aggregates: bool = False
) -> tuple[list[CasualtyMention], list[Span]]:
    """find_casualties, and the spans of the phrases left out as deaths or injuries of other
    causes (a disease, a crash, a storm): the death word in one reports no violence either."""
    c, nums = _casualties(pack), _numbers(pack)
    found = [(hit.rule, cm) for hit in _matches(text, c) if (cm := _candidate(text, hit, c, nums))]
    kept: list[CasualtyMention] = []
    other: list[Span] = []
    for cm in (k for chosen in _choose(found) for k in _kinds(chosen)):
        if (
            c.other_cause.match(text, cm.span.end)
            or c.other_cause.search(text, cm.number_span.end, cm.span.end)
            or c.other_cause_before.search(text, max(0, cm.span.start - 60), cm.span.start)
        ):
            # died of a disease, in a crash: not a casualty of violence. A verb-final language
            # tells the cause before the verb ("پنج نفر در تصادف کشته شدند", "depremde 40 kişi öldü").
            other.append(cm.span)
            continue
        aggregate = _is_tally(text, cm.span, c)
        if keep_aggregates or not aggregate:
            kept.append(_situate(text, cm, c, aggregate))
    return _others_are_not_more(sorted(kept, key=lambda cm: cm.span.start)), other


def _others_are_not_more(mentions: list[CasualtyMention]) -> list[CasualtyMention]:
    """ "killed 49 and wounded 260 more": after a figure of the other kind in its sentence, "more"
    means "others", not victims on top of an earlier toll."""
    kinds: dict[int, set[str]] = {}
    out: list[CasualtyMention] = []
    for cm in mentions:
        seen = kinds.setdefault(cm.sentence, set())
        out.append(replace(cm, added=False) if cm.added and seen - {cm.kind} else cm)
        seen.add(cm.kind)
    return out
