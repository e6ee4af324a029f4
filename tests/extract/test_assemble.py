"""How one event's casualty figures combine across sentences, event boundaries, and datelines
(the dateline reader itself: tests/test_dateline.py)."""

from __future__ import annotations

import sitrep


def test_three_bombs_in_one_town_on_one_day_are_one_event() -> None:
    text = (
        "A car bomb exploded in Qamishli on Monday, killing four people. Hours later a second car bomb "
        "went off in Qamishli, and on Monday evening a third bomb exploded in Qamishli, killing two more."
    )
    events = sitrep.extract(text, published="2019-11-12", lang="en")
    assert len(events) == 1


def test_same_place_on_different_days_are_two_events() -> None:
    text = (
        "A bomb exploded in Kirkuk on Monday, killing three people. "
        "On Wednesday gunmen killed two police officers in Kirkuk."
    )
    events = sitrep.extract(text, published="2021-03-18", lang="en")
    assert sorted(e.date_text() for e in events) == ["2021-03-15", "2021-03-17"]


def test_no_publication_date_leaves_relative_dates_unresolved() -> None:
    events = sitrep.extract("Gunmen killed six shepherds near Palmyra on Monday.", lang="en")
    assert len(events) == 1 and events[0].date is None and events[0].date_precision == "day"


def test_an_unplaced_event_is_placed_near_the_dateline_city() -> None:
    text = "SAN SALVADOR, 3 JAN 90 -- [TEXT] A BOMB EXPLODED TODAY AT THE OFFICES OF A NEWSPAPER, WOUNDING TWO GUARDS."
    (event,) = sitrep.extract(text, published="1990-01-03", lang="en")
    assert event.location is not None
    assert (event.location.place.country, event.location.precision, event.location.relation) == ("SV", 2, "dateline")
    assert "SAN SALVADOR" in event.location.place.name.upper()


def test_a_dateline_abroad_does_not_place_the_event() -> None:
    text = (
        "LONDON, March 3 2020 (Reuters) - Gunmen killed five soldiers in an ambush in Afghanistan's Helmand "
        "province, officials said."
    )
    (event,) = sitrep.extract(text, published="2020-03-03", lang="en")
    assert event.location is not None and event.location.place.country == "AF"


def test_the_object_of_an_attack_is_the_target_side() -> None:
    (event,) = sitrep.extract(
        "Gunmen attacked a police checkpoint in Kunduz on Friday.", published="2019-10-05", lang="en"
    )
    assert (event.event_type, event.actor1, event.actor2) == (
        "Battles",
        "Unidentified Armed Group",
        "Police Forces of Afghanistan",
    )


def test_an_unnamed_armed_side_beside_the_named_group_is_the_group() -> None:
    (event,) = sitrep.extract(
        "FMLN guerrillas attacked the town of Chinameca on 30 December.", published="1990-01-03", lang="en"
    )
    assert event.actor1 == "Farabundo Marti National Liberation Front" and event.actor2 is None


def test_the_agent_after_a_passive_is_the_perpetrator() -> None:
    text = "Three police officers were killed when gunmen attacked a checkpoint in Kunduz province on Friday."
    (event,) = sitrep.extract(text, published="2019-10-05", lang="en")
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group", "Police Forces of Afghanistan")


def test_a_day_counted_from_an_undated_incident_is_another_incident() -> None:
    """'A day before that' names another day than the incident told before, which has no day of
    its own: a second incident, not its day."""
    text = (
        "A suicide bomber killed three people in Peshawar, police said. "
        "A day before that, another bomber killed 13 people in a crowded market in Peshawar."
    )
    events = sitrep.extract(text, published="2021-11-09", lang="en")
    assert sorted((e.date_text(), e.fatalities.best if e.fatalities else None) for e in events) == [
        ("2021-11-08", 13),
        ("2021-11-09", 3),
    ]


def test_a_province_told_later_refines_a_country() -> None:
    """An incident placed in a whole country takes the province it lies in when one is told of it."""
    text = (
        "Coalition forces killed 15 militants in western Afghanistan on Monday.\n\n"
        "Two Taliban commanders were among those killed in the operation in Herat province, officials said."
    )
    (event,) = sitrep.extract(text, published="2008-07-17", lang="en")
    assert event.location is not None and event.location.place.admin1 == "Herat"
