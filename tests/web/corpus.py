"""Articles for the dashboard tests: fictional wire stories in real places, written for these tests.

Three countries over seven weeks of 2021: Iraq and Nigeria with an event every week or two, and
Mali with five events in the last week (a surge the alerts pick up) besides one earlier event
placed only "near" a town (drawn as an area, not a pin). One Iraqi article carries an HTML payload
in its text and in its outlet's name: the dashboard must show it as text and run nothing.

DECADES adds what a real archive holds: an event of 1966 told in 2021 news (55 years of dates for
the timeline), a Norwegian report placed relative to a town ("20 km sørøst for Mosul"), and an
Arabic and a Persian report, whose text the dashboard shows right to left.
"""

from __future__ import annotations

# What the payload does if it ever runs: the tests check that window.__pwned stays undefined.
SCRIPT_PAYLOAD = "<script>window.__pwned=1</script>"
IMG_PAYLOAD = '<img src=x onerror="window.__pwned=2">'


def _article(id: str, published: str, source: str, text: str, url: str | None = None) -> dict[str, str]:
    found = {"id": id, "published": published, "language": "en", "source": source, "text": text}
    if url:
        found["url"] = url
    return found


IRAQ = [
    _article(
        "tw-kirkuk-bomb",
        "2021-03-03",
        "Tigris Wire",
        "KIRKUK, Iraq, March 3, 2021 (Tigris Wire) - A roadside bomb killed four policemen and wounded seven "
        "others in Kirkuk on Wednesday, police said.\n\nThe bomb struck a patrol shortly after dawn. No group "
        "immediately claimed responsibility for the attack.",
        "https://tigris.example/2021/03/kirkuk-bomb",
    ),
    _article(
        "tw-mosul-clash",
        "2021-03-17",
        "Tigris Wire",
        "MOSUL, Iraq, March 17, 2021 (Tigris Wire) - Islamic State militants attacked an army checkpoint in "
        "Mosul on Wednesday, killing three soldiers, a military spokesman said.\n\nIslamic State claimed "
        "responsibility for the attack in a statement on its news agency.",
    ),
    # The same attack from another outlet: one event with two sources.
    _article(
        "gp-mosul-checkpoint",
        "2021-03-17",
        "Gulf Post",
        "Three Iraqi soldiers were killed on Wednesday when Islamic State fighters stormed a checkpoint in "
        "Mosul, security sources told the Gulf Post.\n\nTwo other soldiers were wounded in the fighting.",
        "https://gulfpost.example/news/90412",
    ),
    # The payload sits where a reader's eye (and a careless template) would put a name: the
    # outlet, the text right after the dateline, and a quoted group name.
    _article(
        "payload-baqubah",
        "2021-03-31",
        f"Diyala Post {IMG_PAYLOAD}",
        f"BAQUBAH, Iraq, March 31, 2021 (Diyala Post) - {SCRIPT_PAYLOAD} Gunmen killed two farmers and "
        f"wounded three others in Baqubah on Wednesday, police said.\n\nA group calling itself {IMG_PAYLOAD} "
        "claimed responsibility for the attack in a statement.",
        "javascript:window.__pwned=3",
    ),
]

NIGERIA = [
    _article(
        "lw-maiduguri-market",
        "2021-03-09",
        "Lagos Wire",
        "MAIDUGURI, Nigeria, March 9, 2021 (Lagos Wire) - Two suicide bombers blew themselves up at a market "
        "in Maiduguri on Tuesday, killing nine people and wounding 20, police said.\n\nBoko Haram has carried "
        "out many similar attacks in the city.",
    ),
    _article(
        "lw-kano-protest",
        "2021-03-24",
        "Lagos Wire",
        "KANO, Nigeria, March 24, 2021 (Lagos Wire) - Gunmen killed two traders in Kano on Wednesday, police said.",
    ),
    _article(
        "lw-north-east",
        "2021-04-07",
        "Lagos Wire",
        "LAGOS, April 7, 2021 (Lagos Wire) - Boko Haram fighters killed 15 villagers in northeastern Nigeria "
        "on Tuesday, the army said.",
    ),
    # No place at all: an event the table lists and the map cannot draw.
    _article(
        "lw-unplaced",
        "2021-03-30",
        "Lagos Wire",
        "Gunmen killed three people on Monday, police said. Nobody claimed the killings.",
    ),
]

# The surge: one event a day in five Malian towns in the week of 12 April 2021.
SURGE = [
    ("Gao", 12, "Gunmen on motorcycles killed six villagers in Gao on Monday, local officials said."),
    ("Mopti", 13, "A car bomb killed eight people and wounded 14 at a bus station in Mopti on Tuesday, police said."),
    (
        "Timbuktu",
        14,
        "Militants fired rockets at the airport in Timbuktu on Wednesday, wounding four peacekeepers, "
        "the UN mission said.",
    ),
    ("Menaka", 15, "Gunmen attacked a village in Menaka on Thursday, killing eleven civilians, officials said."),
    ("Segou", 16, "Armed men abducted five teachers from a school in Segou on Friday, the regional governor said."),
]

MALI = [
    _article(
        "sw-near-gao",
        "2021-03-12",
        "Sahel Wire",
        "BAMAKO, March 12, 2021 (Sahel Wire) - A roadside bomb killed three soldiers and wounded five near "
        "Gao on Friday, the army said.\n\nThe bomb went off as a military convoy passed.",
    ),
] + [
    _article(
        f"sw-{town.lower()}",
        f"2021-04-{day}",
        "Sahel Wire",
        f"{town.upper()}, Mali, April {day}, 2021 (Sahel Wire) - {text}",
    )
    for town, day, text in SURGE
]

ARTICLES = IRAQ + NIGERIA + MALI

# A background event: a 1966 killing recalled by 2021 news. Stored dates now span 55 years.
KANO_1966 = _article(
    "lw-kano-1966",
    "2021-03-22",
    "Lagos Wire",
    "KANO, Nigeria, March 22, 2021 (Lagos Wire) - Soldiers killed 30 villagers in Kano on 12 March "
    "1966, according to archives released on Monday.",
)
MOSUL_RELATIVE_NB = {
    "id": "ntb-mosul-sorost",
    "published": "2021-03-23",
    "language": "nb",
    "source": "NTB",
    "text": "Tre soldater ble drept i et angrep 20 km sørøst for Mosul tirsdag, sier hæren.",
}
# The Norwegian words the dashboard must show as evidence for the relation "20 km south-east of".
MOSUL_RELATIVE_WORDS = "20 km sørøst for Mosul"

# Reports in right-to-left scripts: the dashboard shows their text and evidence right to left.
ARABIC = {
    "id": "rtl-tikrit",
    "published": "2021-03-24",
    "language": "ar",
    "source": "وكالة",
    "text": "قتل شرطيان وأصيب خمسة آخرون يوم الأحد في انفجار عبوة ناسفة استهدفت دوريتهم "
    "في مدينة تكريت، بحسب مصدر أمني.",
}
PERSIAN = {
    "id": "rtl-kandahar",
    "published": "2021-03-24",
    "language": "fa",
    "source": "خبرگزاری",
    "text": "دو سرباز روز سه‌شنبه در انفجار یک بمب کنار جاده‌ای در قندهار کشته شدند. "
    "پلیس قندهار گفت که سه سرباز دیگر نیز زخمی شدند.",
}

DECADES = ARTICLES + [KANO_1966, MOSUL_RELATIVE_NB, ARABIC, PERSIAN]
