"""Who did it and to whom: actor1 and actor2 of an incident, and the ACLED type an attack gets
from its target (an attack on armed forces is a battle)."""

from __future__ import annotations

from collections.abc import Sequence

from sitrep import acled
from sitrep.extract.actors import ARMED_SIDES, ActorMention
from sitrep.extract.counts import CasualtyMention
from sitrep.extract.spans import SpanSet
from sitrep.extract.triggers import ATTACK, Trigger
from sitrep.records import Span

ARMED_TARGETS = ("military", "police", "unidentified", "group")
# Sides that may act: civilians are not coded as the side that attacked.
ARMED_AGENTS = ("group", "unidentified", "military", "police")
UNNAMED_OR_GROUP = ("group", "unidentified")  # in order of preference
# How far after a passive subject its trigger may stand ("Five soldiers have reportedly been ambushed").
PASSIVE_REACH = 30
# How far after the trigger or the victims "by police" may name the agent ("were shot dead by police").
AGENT_REACH = 30
# How far after a trigger its object may be named: "ambushed a police patrol", "attacked the army base".
OBJECT_REACH = 25


def event_roles(
    actors: list[ActorMention], victims: list[ActorMention], trigger: Trigger
) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 the side that acted, actor2 the side acted on: the victims counted, else a side
    marked as the target ("against the army"), the subject of a passive ("Soldiers were
    attacked") or a side named right after the trigger. A group that denies the attack is neither."""
    victim_spans = {v.span for v in victims}
    others = [a for a in actors if a.span not in victim_spans and not a.denied]
    actor1 = _perpetrator(others, victims, trigger)
    if victims:
        return actor1, victims[0]
    candidates = [a for a in others if a is not actor1 and a.role != "agent"]
    marked = [a for a in candidates if a.role == "patient" or _passive_target(a, trigger)]
    near = [a for a in candidates if 0 <= a.span.start - trigger.span.end <= OBJECT_REACH]
    actor2 = next(iter(marked or near), None)
    # "FMLN guerrillas attacked": an unnamed armed side next to the named group is the group itself.
    if actor2 is not None and actor2.role != "patient" and actor2.side == "unidentified" and actor1 is not None:
        actor2 = None
    return actor1, actor2


def _perpetrator(actors: list[ActorMention], victims: list[ActorMention], trigger: Trigger) -> ActorMention | None:
    # The trigger inside a state's phrase: "a US drone strike", "Russian airstrikes".
    own = next((a for a in actors if a.span.start <= trigger.span.start < a.span.end and a.side in ARMED_SIDES), None)
    if own is not None:
        return own
    # Named by "by" ("bombed by IS", "av IS") or the subject after a fronted verb.
    agent = next((a for a in actors if a.role == "agent" and a.side in UNNAMED_OR_GROUP), None)
    if agent is not None:
        return agent
    # A state's forces named by "by" next to the act ("shot dead by police"), or as the active
    # subject of the trigger ("Police opened fire on protesters") acted; so did a state's forces
    # that are the subject of the verb before the victims ("Troops killed five militants") when
    # no one else is the trigger's subject ("Insurgents attacked garrisons ... troops killed three").
    by_trigger = [a for a in actors if a.side in ARMED_AGENTS and _active_subject(a, trigger, [])]
    state = next(
        (a for a in actors if a.side in ARMED_SIDES and (_agent_of(a, trigger, victims) or a in by_trigger)), None
    )
    if state is None and not by_trigger:
        state = next((a for a in actors if a.side in ARMED_SIDES and _active_subject(a, trigger, victims)), None)
    if state is not None:
        return state
    subject = next((a for a in actors if a.side == "group" and _active_subject(a, trigger, victims)), None)
    if subject is not None:
        return subject
    for side in UNNAMED_OR_GROUP:
        found = next((a for a in actors if a.side == side and a.role is None and not a.passive), None)
        if found is not None:
            return found
    if trigger.sub_event_type in ("Air/drone strike", "Shelling/artillery/missile attack"):
        # A state named by a demonym ("British planes") before any other military mention.
        armed = [a for a in actors if a.side == "military" and a.role is None and not a.passive]
        return next((a for a in armed if a.country is not None), armed[0] if armed else None)
    return None


def _agent_of(a: ActorMention, trigger: Trigger, victims: list[ActorMention]) -> bool:
    """ "by X" right after the trigger or the victims ("Two men were shot dead by police")."""
    if a.role != "agent":
        return False
    return any(0 <= a.span.start - end <= AGENT_REACH for end in [trigger.span.end, *(v.span.end for v in victims)])


def _active_subject(a: ActorMention, trigger: Trigger, victims: list[ActorMention]) -> bool:
    return not a.passive and _subject_of(a, trigger, victims)


def _passive_target(a: ActorMention, trigger: Trigger) -> bool:
    """ "Soldiers were attacked": the trigger right after the subject's passive auxiliary."""
    return (
        a.passive
        and a.subject_end is not None
        and a.span.end <= trigger.span.start < a.subject_end
        and trigger.span.start - a.span.end <= PASSIVE_REACH
    )


def _subject_of(a: ActorMention, trigger: Trigger, victims: list[ActorMention]) -> bool:
    """The mention's clause runs on to the trigger or to the victims (the verb stands between)."""
    if a.subject_end is None:
        return False
    after = [trigger.span.start, *(v.span.start for v in victims)]
    return any(a.span.end <= x <= a.subject_end for x in after)


def event_type(trigger: Trigger, actor1: ActorMention | None, actor2: ActorMention | None) -> tuple[str, str]:
    if trigger.event_type != ATTACK:
        return trigger.event_type, trigger.sub_event_type
    # ACLED: an attack on armed forces, police or another armed group is a battle.
    armed_target = actor2 is not None and actor2.side in ARMED_TARGETS
    if armed_target and not (actor1 is not None and actor2 is not None and actor1.side == actor2.side):
        return acled.BATTLES, acled.ARMED_CLASH
    return acled.VIOLENCE_AGAINST_CIVILIANS, acled.ATTACK


def counted_victims(actors: Sequence[ActorMention], casualties: Sequence[CasualtyMention]) -> list[ActorMention]:
    """The sides a casualty phrase counts, from its figure on: in "drepte soldater fem opprørere"
    (verb second) the soldiers act and the rebels die."""
    counted = SpanSet(Span(min(c.number_span.start, c.span.end), c.span.end) for c in casualties)
    return [a for a in actors if a.side != "group" and counted.overlaps(a.span.start, a.span.end)]
