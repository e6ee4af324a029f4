"""Who did it and to whom: actor1 and actor2 of an incident, and the ACLED type an attack gets
from its target (an attack on armed forces is a battle)."""

from __future__ import annotations

from sitrep.extract.actors import ActorMention
from sitrep.extract.triggers import ATTACK, Trigger

ARMED_TARGETS = ("military", "police", "unidentified", "group")
# How far after a trigger its object may be named: "ambushed a police patrol", "attacked the army base".
OBJECT_REACH = 25


def event_roles(actors: list[ActorMention], victims: list[ActorMention],
                trigger: Trigger) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 the side that acted, actor2 the side acted on: the victims counted, else a side
    marked as the target ("against the army") or named right after the trigger."""
    victim_spans = {v.span for v in victims}
    others = [a for a in actors if a.span not in victim_spans]
    actor1 = _perpetrator(others, trigger)
    if victims:
        return actor1, victims[0]
    candidates = [a for a in others if a is not actor1 and a.role != "agent"]
    marked = [a for a in candidates if a.role == "patient"]
    near = [a for a in candidates if 0 <= a.span.start - trigger.span.end <= OBJECT_REACH]
    actor2 = (marked or near or [None])[0]
    # "FMLN guerrillas attacked": an unnamed armed side next to the named group is the group itself.
    if actor2 is not None and actor2.role != "patient" and actor2.side == "unidentified" and actor1 is not None:
        actor2 = None
    return actor1, actor2


def _perpetrator(actors: list[ActorMention], trigger: Trigger) -> ActorMention | None:
    for wanted in ("agent", None):
        for side in ("group", "unidentified"):
            found = next((a for a in actors if a.side == side and (wanted is None or a.role == wanted)), None)
            if found is not None and found.role != "patient":
                return found
    if trigger.sub_event_type in ("Air/drone strike", "Shelling/artillery/missile attack"):
        return next((a for a in actors if a.side == "military" and a.role != "patient"), None)
    return None


def event_type(trigger: Trigger, actor1: ActorMention | None, actor2: ActorMention | None) -> tuple[str, str]:
    if trigger.event_type != ATTACK:
        return trigger.event_type, trigger.sub_event_type
    # ACLED: an attack on armed forces, police or another armed group is a battle.
    armed_target = actor2 is not None and actor2.side in ARMED_TARGETS
    if armed_target and not (actor1 is not None and actor1.side == actor2.side):
        return "Battles", "Armed clash"
    return "Violence against civilians", "Attack"
