"""A user lexicon's places (sitrep/lang/lexicon.py, DIR/places.toml) in front of the gazetteer.

A name the analyst gave is looked up among their places first, and only there: the village of
their lexicon, at their coordinates, is what the name means, even where GeoNames has a place of
that name elsewhere. Everything else is the gazetteer's. A user place gets the first-level area
of the nearest gazetteer town of its country, so its events are counted under their province.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitrep.geo.gazetteer import Entry, Gazetteer
from sitrep.geo.normalize import normalise, without_articles
from sitrep.lang.lexicon import UserPlace

# How far the nearest gazetteer town may be to lend a user place its province.
ADMIN_KM = 60.0


class UserPlaces(Gazetteer):
    """`base`'s places, with `places` answering for their names and aliases."""

    def __init__(self, base: Gazetteer, places: Iterable[UserPlace]) -> None:
        super().__init__(base.path)
        self._user: dict[str, tuple[Entry, ...]] = {}
        for i, place in enumerate(places, start=1):
            entry = self._entry(-i, place)  # negative ids: never a gazetteer row's
            for key in _keys(place):
                self._user[key] = (*self._user.get(key, ()), entry)
        self._user_first = frozenset(key.partition(" ")[0] for key in self._user)

    def lookup(self, keys: Iterable[str]) -> dict[str, tuple[Entry, ...]]:
        wanted = set(keys)
        found = super().lookup(wanted - self._user.keys())
        found.update({key: self._user[key] for key in wanted & self._user.keys()})
        return found

    def first_words(self, words: Iterable[str]) -> set[str]:
        wanted = set(words)
        return super().first_words(wanted - self._user_first) | (wanted & self._user_first)

    def _entry(self, id_: int, place: UserPlace) -> Entry:
        return Entry(
            id_,
            place.name,
            place.country,
            self._admin1(place),
            None,
            place.lat,
            place.lon,
            place.population,
            None,
            "P",
            place.feature_code,
        )

    def _admin1(self, place: UserPlace) -> str | None:
        for entry, _km in self.near(place.lat, place.lon, ADMIN_KM, limit=10):
            if entry.country == place.country and entry.admin1:
                return entry.admin1
        return None


def _keys(place: UserPlace) -> set[str]:
    keys = {normalise(name) for name in (place.name, *place.aliases)}
    return {k for k in keys | {without_articles(k) for k in keys} if k}
