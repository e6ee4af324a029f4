"""A user lexicon for tests (sitrep/lang/lexicon.py), and articles that read otherwise with it.

The names are made up: no group, village or checkpoint of these names is in the packs or the
gazetteer, so what the lexicon adds is all that can find them.
"""

from __future__ import annotations

from pathlib import Path

ACTORS = """\
[[group]]
name = "Liwa Jabal Qarnas"
aliases = ["Jabal Qarnas Brigade", "Liwa Qarnas"]
"""

PLACES = """\
[[place]]
name = "Tal Zurayq"
aliases = ["Tell Zureiq"]
kind = "village"
country = "SY"
lat = {lat}
lon = 37.5

[[place]]
name = "Kilo Nine Checkpoint"
kind = "checkpoint"
country = "SY"
lat = 36.31
lon = 37.62
"""

TRIGGERS = """\
[[trigger]]
event_type = "Violence against civilians"
sub_event_type = "Attack"
strength = 0.8
patterns = ["blitzgrabbed"]
"""

CASUALTIES = """\
victims = ["goatherds?"]
"""

# The group by one of its aliases, the village, and victims only the lexicon names.
MILITIA_ARTICLE = (
    "Gunmen from the Jabal Qarnas Brigade attacked the village of Tal Zurayq in northern Syria "
    "on Monday, killing four goatherds, residents said."
)
# A trigger word only the lexicon knows: no event without it.
TRIGGER_ARTICLE = "Armed men blitzgrabbed a family in Tal Zurayq, Syria, on Tuesday, local sources said."
VILLAGE = (36.25, 37.5)


def write_lexicon(folder: Path, lat: float = VILLAGE[0]) -> Path:
    """The test lexicon in `folder`; `lat`: the village's latitude (edit it to re-extract)."""
    (folder / "en").mkdir(parents=True, exist_ok=True)
    (folder / "actors.toml").write_text(ACTORS, encoding="utf-8")
    (folder / "places.toml").write_text(PLACES.format(lat=lat), encoding="utf-8")
    (folder / "en" / "triggers.toml").write_text(TRIGGERS, encoding="utf-8")
    (folder / "en" / "casualties.toml").write_text(CASUALTIES, encoding="utf-8")
    return folder
