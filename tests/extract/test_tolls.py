"""combine_counts: one incident's toll from every casualty mention attributed to it (the rules of
sitrep/lang/README.md, "Casualty attribution"). Whole sentences per language are in
tests/lang/<code>/counts.toml (`tolls`); these cases build mentions by hand to pin each rule."""

from __future__ import annotations

from sitrep.extract.counts import CasualtyMention
from sitrep.extract.tolls import combine_counts
from sitrep.records import Count, Span

_at = iter(range(0, 100_000, 10))


def mention(
    n: int | Count, victims: str | None = None, *, sentence: int | None = None, **flags: bool
) -> CasualtyMention:
    """A killed mention at the next place in the text; its own sentence unless one is given."""
    start = next(_at)
    count = n if isinstance(n, Count) else Count.exact(n)
    total = flags.pop("total", victims is None or victims == "people")
    return CasualtyMention(
        "killed",
        count,
        Span(start, start + 5),
        Span(start, start + 1),
        victims,
        sentence=start if sentence is None else sentence,
        total=total,
        **flags,
    )


def best(*mentions: CasualtyMention) -> int | None:
    toll = combine_counts(list(mentions))
    assert toll is not None
    return toll.count.best


def test_no_mention_gives_no_toll() -> None:
    assert combine_counts([]) is None


def test_revised_toll_wins() -> None:
    assert best(mention(9, "people"), mention(12, None, revised=True)) == 12


def test_the_last_revision_wins() -> None:
    assert best(mention(9, "people"), mention(30, revised=True), mention(12), mention(64, revised=True)) == 64


def test_disagreeing_reports_of_the_same_victims_give_the_lowest() -> None:
    assert best(mention(7, "people"), mention(5, "people")) == 5
    assert best(mention(7, "soldiers"), mention(5, "soldiers")) == 5


def test_an_exact_figure_beats_a_vague_one() -> None:
    assert best(mention(Count(12, None, None), "people"), mention(23, "people")) == 23
    assert best(mention(23, "people"), mention(Count(100, None, None), "people")) == 23


def test_vague_words_alone_keep_the_lowest_estimate_and_a_null_best() -> None:
    toll = combine_counts([mention(Count(100, None, None)), mention(Count(12, None, None))])
    assert toll is not None and toll.count == Count(12, None, None)


def test_restatements_with_another_noun_are_not_summed() -> None:
    assert best(mention(5, "people"), mention(5, "victims", total=True)) == 5
    assert best(mention(5, "soldiers"), mention(5, "troops")) == 5
    assert best(mention(5), mention(5, "civilians")) == 5


def test_disjoint_groups_of_one_sentence_add_up() -> None:
    assert best(mention(3, "soldiers", sentence=0), mention(2, "civilians", sentence=0)) == 5


def test_groups_in_different_sentences_do_not_add_up() -> None:
    assert best(mention(3, "soldiers"), mention(2, "civilians")) == 3


def test_a_total_for_everyone_is_not_added_to_its_parts() -> None:
    assert best(mention(3, "soldiers", sentence=0), mention(4, None, sentence=0)) == 3
    assert best(mention(8, "people"), mention(3, "policemen", part=True)) == 8


def test_a_later_figure_for_other_victims_is_not_the_toll() -> None:
    assert best(mention(8, "people"), mention(5, "police")) == 8


def test_victims_on_top_of_an_earlier_toll_add_up() -> None:
    assert best(mention(4, "people"), mention(2, added=True)) == 6


def test_an_exact_figure_beats_a_ceiling_and_a_floor_of_the_same_value() -> None:
    toll = combine_counts([mention(Count(None, 5, 5)), mention(Count(5, 5, None)), mention(5)])
    assert toll is not None and toll.count == Count.exact(5)


def test_a_zero_counts_only_on_its_own() -> None:
    assert best(mention(4, "people"), mention(0)) == 4
    assert best(mention(0), mention(0, "soldiers")) == 0
    toll = combine_counts([mention(Count(3, None, None), "rebels"), mention(0, "soldiers")])
    assert toll is not None and toll.count == Count(3, None, None)


def test_a_high_estimate_loses_to_a_lower_exact_figure() -> None:
    assert best(mention(Count(None, 40, 40), "people"), mention(31, "people")) == 31


def test_a_tally_never_counts() -> None:
    assert best(mention(6, "people"), mention(300, "people", aggregate=True)) == 6
    assert combine_counts([mention(300, "people", aggregate=True)]) is None


def test_a_part_counts_when_nothing_else_does() -> None:
    assert best(mention(3, "policemen", part=True)) == 3


def test_the_summed_toll_keeps_evidence_of_every_group() -> None:
    first, second = mention(3, "soldiers", sentence=0), mention(2, "civilians", sentence=0)
    toll = combine_counts([second, first])
    assert toll is not None and toll.span == Span(first.span.start, second.span.end)
