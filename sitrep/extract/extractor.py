"""The Extractor: the language packs and the gazetteer that extraction reads with, in one object
that every stage is handed, instead of process-wide caches and a gazetteer singleton.

    extractor = Extractor(PackSet("my_packs"), Gazetteer(path))   # a folder of packs, any gazetteer
    events = extractor.extract(Document("d1", text, lang="xx"))

`extract_document` and `explain_document` (and `sitrep.extract`) use the process's default
Extractor: the package's packs and the user's gazetteer, made on first use, one per process (a
batch worker makes its own when it first extracts), with the words and places of the user lexicon
in use (sitrep.lang.lexicon.using_lexicon, else $SITREP_LEXICON) merged in.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.extract.assemble import read_document
from sitrep.extract.budget import EXTRACTION_BUDGET_S
from sitrep.extract.explain import Explanation
from sitrep.geo import PlaceMention, geoparse, resolve
from sitrep.geo.gazetteer import Gazetteer, load
from sitrep.lang.lexicon import Lexicon, LexiconPacks, active_lexicon
from sitrep.lang.packset import PackSet, default_packs
from sitrep.records import Document, Event, Span


@dataclass(frozen=True, eq=False)
class Extractor:
    """Reads events (and places) with `packs` and `gazetteer`."""

    packs: PackSet
    gazetteer: Gazetteer

    def extract(self, doc: Document, budget_s: float | None = EXTRACTION_BUDGET_S) -> list[Event]:
        """Every violent event reported in `doc` (its pack: `doc.lang`, else detected). Past
        `budget_s` seconds (None: no limit) the extraction stops with ExtractionTimeout.
        Evidence spans are offsets into `doc.text`."""
        return read_document(doc, self.packs, self.gazetteer, budget_s)[0]

    def explain(self, doc: Document, budget_s: float | None = EXTRACTION_BUDGET_S) -> tuple[list[Event], Explanation]:
        """The events of `doc` and how they were found: the candidates, which were merged into
        which incident and which were dropped, and why (`sitrep extract --explain`)."""
        return read_document(doc, self.packs, self.gazetteer, budget_s)

    def geoparse(self, text: str, lang: str | None = None, demonyms: bool = True) -> list[PlaceMention]:
        """Every toponym in `text`, resolved in the article's context, and its demonyms (`kind`
        "demonym") unless `demonyms` is False (sitrep.geo.geoparse)."""
        return geoparse(text, lang, packs=self.packs, gazetteer=self.gazetteer, demonyms=demonyms)

    def resolve(
        self, text: str, spans: Sequence[Span | tuple[int, int]], lang: str | None = None
    ) -> list[PlaceMention | None]:
        """The given toponym spans resolved in the context of the whole text (sitrep.geo.resolve)."""
        return resolve(text, spans, lang, packs=self.packs, gazetteer=self.gazetteer)


def default_extractor() -> Extractor:
    """The process's Extractor: the package's packs and the user's gazetteer (built on first use),
    with the active user lexicon's words and places (sitrep.lang.lexicon.active_lexicon). It
    follows the gazetteer: after a rebuild (`load` forgets the old one) it reads the new one."""
    lexicon = active_lexicon()
    gazetteer = load()
    key = (gazetteer, lexicon.version if lexicon else None)
    with _lock:
        if key not in _made:
            if len(_made) >= KEPT_EXTRACTORS:
                _made.clear()
            _made[key] = lexicon_extractor(gazetteer, lexicon)
        return _made[key]


# Extractors by gazetteer and lexicon version: a lexicon sent with each task of a worker
# (sitrep/run/stages.py) is merged into the packs once per process, not once per task.
KEPT_EXTRACTORS = 4
_made: dict[tuple[Gazetteer, str | None], Extractor] = {}
_lock = threading.Lock()


def lexicon_extractor(gazetteer: Gazetteer, lexicon: Lexicon | None) -> Extractor:
    """The package's packs and `gazetteer`, with `lexicon`'s words merged into the packs and its
    places in front of the gazetteer (None: the packs and gazetteer alone)."""
    if lexicon is None:
        return Extractor(default_packs(), gazetteer)
    from sitrep.geo.user_places import UserPlaces

    places = UserPlaces(gazetteer, lexicon.places) if lexicon.places else gazetteer
    return Extractor(LexiconPacks(default_packs(), lexicon), places)


def extract_document(doc: Document, budget_s: float | None = EXTRACTION_BUDGET_S) -> list[Event]:
    """`Extractor.extract` with the default Extractor."""
    return default_extractor().extract(doc, budget_s)


def explain_document(doc: Document, budget_s: float | None = EXTRACTION_BUDGET_S) -> tuple[list[Event], Explanation]:
    """`Extractor.explain` with the default Extractor."""
    return default_extractor().explain(doc, budget_s)
