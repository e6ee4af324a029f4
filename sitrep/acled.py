"""ACLED's vocabulary, declared once: event types and their sub-event types, disorder types, and
the generic actor names (ACLED Codebook, 2023). Every module that names an ACLED label takes it
from here; the language packs write the same labels (a test checks them against this table).

These are ACLED's English labels, the dataset's own column values, not words of any article's
language: they stay in code as a schema does.
"""

from __future__ import annotations

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC_DEVELOPMENTS = "Strategic developments"

# The sub-event types code decides itself (the attack rule: sitrep/extract/roles.py).
ARMED_CLASH = "Armed clash"
ATTACK = "Attack"

# ACLED's event types and their sub-event types.
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: (ARMED_CLASH, "Government regains territory", "Non-state actor overtakes territory"),
    EXPLOSIONS: (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    VIOLENCE_AGAINST_CIVILIANS: ("Sexual violence", ATTACK, "Abduction/forced disappearance"),
    PROTESTS: ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC_DEVELOPMENTS: (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPES = tuple(ACLED_TYPES)
SUB_EVENT_TYPES = tuple(sub for subs in ACLED_TYPES.values() for sub in subs)

# Disorder types: the event types of one family can describe one event in two reports (a bombing
# that killed civilians is "Explosions" to one desk and "Violence against civilians" to another).
POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
DISORDER_TYPES: dict[str, tuple[str, ...]] = {
    POLITICAL_VIOLENCE: (BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS),
    DEMONSTRATIONS: (PROTESTS, RIOTS),
    STRATEGIC_DEVELOPMENTS: (STRATEGIC_DEVELOPMENTS,),
}
DISORDER = {kind: disorder for disorder, kinds in DISORDER_TYPES.items() for kind in kinds}
# Sub-event types whose disorder type is not their event type's (the codebook's exceptions).
DISORDER_BY_SUB_TYPE = {
    "Excessive force against protesters": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
    "Mob violence": POLITICAL_VIOLENCE,
}

# Generic actors: sides named by what they are, not who. The extractor writes them from the
# shared pack's [sides] (sitrep/lang/shared/actors.toml; a test checks they agree).
CIVILIANS = "Civilians"
PROTESTERS = "Protesters"
RIOTERS = "Rioters"
UNIDENTIFIED = "Unidentified Armed Group"
GENERIC_ACTORS = (CIVILIANS, PROTESTERS, RIOTERS, UNIDENTIFIED)
# The prefixes of ACLED's state actors ("Military Forces of Syria (2011-)").
STATE_PREFIXES = ("Military Forces of", "Police Forces of", "Government of")


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    """ACLED's disorder type of an event: its sub-event type's exception, else its event type's."""
    return DISORDER_BY_SUB_TYPE.get(sub_event_type or "") or DISORDER.get(event_type or "")
