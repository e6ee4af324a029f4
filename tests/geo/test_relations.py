"""The relation vocabulary (sitrep.geo.relations): what counts as a relation, and how offsets read."""

from __future__ import annotations

import pytest

from sitrep.geo import relations


@pytest.mark.parametrize(
    "value",
    [
        "in",
        "near",
        "between",
        "border",
        "dateline",
        "in northern",
        "in central",
        "in south-western",
        "north of",
        "north-west of",
        "20 km south-east of",
        "48.3 km north of",
        "0.5 km east of",
    ],
)
def test_vocabulary(value: str) -> None:
    assert relations.is_relation(value)


@pytest.mark.parametrize(
    "value",
    [
        "i",
        "nær",
        "øst i",
        "nord-",
        "in nord-",
        "20 km sørøst for",
        "outside",
        "in the eastern part of",
        "20.0 km west of",
        "20 km northwest of",
        "30 miles north of",
        "",
        None,
    ],
)
def test_not_vocabulary(value: str | None) -> None:
    assert not relations.is_relation(value)


@pytest.mark.parametrize(
    ("compass", "km", "want"),
    [
        ("SE", 20.0, "20 km south-east of"),
        ("N", 30 * 1.609, "48.3 km north of"),
        ("W", None, "west of"),
        ("NE", 0.5, "0.5 km north-east of"),
        ("S", 1500.0, "1500 km south of"),
    ],
)
def test_offset(compass: str, km: float | None, want: str) -> None:
    assert relations.offset(compass, km) == want
