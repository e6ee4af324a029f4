"""Does the gazetteer know the places of conflict news by their names in other scripts?

    python bench/native_places.py              # the user's gazetteer (SITREP_DATA), built if missing
    python bench/native_places.py --misses     # also list each name not found or resolved wrongly

For each script (Cyrillic, Persian, Arabic, Turkish Latin) a list of place names written for this
benchmark from general knowledge of conflict geography (Syria, Iraq, Afghanistan, Iran, Ukraine,
Russia, Turkey, Yemen, Libya, Sudan, the Sahel), with the country and an approximate point of the
place meant. Each name is looked up as the place finder looks names up (Gazetteer.names: its
normalised key, invisible characters such as
Persian's zero-width non-joiner dropped) and counts as
  found  when the gazetteer has any entry under it,
  right  when its first entry (own names and aliases first, then the most populous; what
         resolution starts from without context) is in the expected country within 50 km,
  any    when some entry is.
Country names are counted apart (right: the first entry is that country).
A benchmark script, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from sitrep.geo.distance import haversine_km
from sitrep.geo.gazetteer import Entry, Gazetteer, load
from sitrep.visible import VisibleText

TOLERANCE_KM = 50.0

# (name, country, lat, lon); points approximate (to ~10 km), from general knowledge.
PLACES: dict[str, list[tuple[str, str, float, float]]] = {
    "cyrillic": [
        ("Харків", "UA", 49.99, 36.23),
        ("Харьков", "UA", 49.99, 36.23),
        ("Донецьк", "UA", 48.00, 37.80),
        ("Донецк", "UA", 48.00, 37.80),
        ("Бахмут", "UA", 48.60, 38.00),
        ("Київ", "UA", 50.45, 30.52),
        ("Киев", "UA", 50.45, 30.52),
        ("Запоріжжя", "UA", 47.84, 35.14),
        ("Запорожье", "UA", 47.84, 35.14),
        ("Маріуполь", "UA", 47.10, 37.55),
        ("Мариуполь", "UA", 47.10, 37.55),
        ("Херсон", "UA", 46.64, 32.61),
        ("Одеса", "UA", 46.48, 30.73),
        ("Одесса", "UA", 46.48, 30.73),
        ("Луганськ", "UA", 48.57, 39.31),
        ("Луганск", "UA", 48.57, 39.31),
        ("Авдіївка", "UA", 48.14, 37.75),
        ("Авдеевка", "UA", 48.14, 37.75),
        ("Дніпро", "UA", 48.46, 35.05),
        ("Днепр", "UA", 48.46, 35.05),
        ("Миколаїв", "UA", 46.97, 32.00),
        ("Николаев", "UA", 46.97, 32.00),
        ("Суми", "UA", 50.91, 34.80),
        ("Сумы", "UA", 50.91, 34.80),
        ("Чернігів", "UA", 51.49, 31.29),
        ("Чернигов", "UA", 51.49, 31.29),
        ("Львів", "UA", 49.84, 24.03),
        ("Львов", "UA", 49.84, 24.03),
        ("Ізюм", "UA", 49.21, 37.26),
        ("Изюм", "UA", 49.21, 37.26),
        ("Краматорськ", "UA", 48.72, 37.56),
        ("Краматорск", "UA", 48.72, 37.56),
        ("Слов'янськ", "UA", 48.85, 37.60),
        ("Славянск", "UA", 48.85, 37.60),
        ("Покровськ", "UA", 48.28, 37.18),
        ("Куп'янськ", "UA", 49.71, 37.61),
        ("Купянск", "UA", 49.71, 37.61),
        ("Вугледар", "UA", 47.78, 37.25),
        ("Угледар", "UA", 47.78, 37.25),
        ("Мелітополь", "UA", 46.85, 35.37),
        ("Мелитополь", "UA", 46.85, 35.37),
        ("Енергодар", "UA", 47.50, 34.66),
        ("Энергодар", "UA", 47.50, 34.66),
        ("Бердянськ", "UA", 46.76, 36.80),
        ("Буча", "UA", 50.55, 30.22),
        ("Ірпінь", "UA", 50.52, 30.25),
        ("Ирпень", "UA", 50.52, 30.25),
        ("Севастополь", "UA", 44.60, 33.52),
        ("Сімферополь", "UA", 44.95, 34.10),
        ("Симферополь", "UA", 44.95, 34.10),
        ("Москва", "RU", 55.75, 37.62),
        ("Бєлгород", "RU", 50.60, 36.59),
        ("Белгород", "RU", 50.60, 36.59),
        ("Курськ", "RU", 51.73, 36.19),
        ("Курск", "RU", 51.73, 36.19),
        ("Брянськ", "RU", 53.25, 34.37),
        ("Брянск", "RU", 53.25, 34.37),
        ("Суджа", "RU", 51.19, 35.27),
        ("Ростов-на-Дону", "RU", 47.23, 39.72),
        ("Грозний", "RU", 43.31, 45.69),
        ("Грозный", "RU", 43.31, 45.69),
        ("Махачкала", "RU", 42.98, 47.50),
        ("Воронеж", "RU", 51.67, 39.18),
        ("Дамаск", "SY", 33.51, 36.29),
        ("Алеппо", "SY", 36.20, 37.16),
        ("Хомс", "SY", 34.73, 36.72),
        ("Идлиб", "SY", 35.93, 36.63),
        ("Ракка", "SY", 35.95, 39.01),
        ("Дейр-эз-Зор", "SY", 35.34, 40.14),
        ("Мосул", "IQ", 36.34, 43.13),
        ("Багдад", "IQ", 33.34, 44.40),
        ("Кабул", "AF", 34.53, 69.17),
        ("Тегеран", "IR", 35.69, 51.42),
        ("Газа", "PS", 31.50, 34.47),
        ("Бейрут", "LB", 33.89, 35.50),
        ("Бамако", "ML", 12.65, -8.00),
        ("Хартум", "SD", 15.55, 32.53),
        ("Часів Яр", "UA", 48.59, 37.85),
        ("Часов Яр", "UA", 48.59, 37.85),
        ("Торецьк", "UA", 48.40, 37.85),
        ("Торецк", "UA", 48.40, 37.85),
        ("Вовчанськ", "UA", 50.29, 36.94),
        ("Волчанск", "UA", 50.29, 36.94),
        ("Курахове", "UA", 47.98, 37.28),
        ("Курахово", "UA", 47.98, 37.28),
        ("Сватове", "UA", 49.41, 38.15),
        ("Кремінна", "UA", 49.05, 38.22),
        ("Кременная", "UA", 49.05, 38.22),
        ("Соледар", "UA", 48.68, 38.09),
        ("Нова Каховка", "UA", 46.75, 33.35),
        ("Новая Каховка", "UA", 46.75, 33.35),
        ("Оріхів", "UA", 47.57, 35.78),
        ("Орехов", "UA", 47.57, 35.78),
        ("Гуляйполе", "UA", 47.66, 36.26),
        ("Селидове", "UA", 48.15, 37.30),
        ("Костянтинівка", "UA", 48.53, 37.71),
        ("Дружківка", "UA", 48.63, 37.55),
        ("Шебекино", "RU", 50.41, 36.89),
        ("Курчатов", "RU", 51.66, 35.66),
        ("Энгельс", "RU", 51.50, 46.12),
        ("Таганрог", "RU", 47.21, 38.94),
        ("Новороссийск", "RU", 44.72, 37.77),
        ("Туапсе", "RU", 44.10, 39.08),
    ],
    "persian": [
        ("کابل", "AF", 34.53, 69.17),
        ("هرات", "AF", 34.35, 62.20),
        ("قندهار", "AF", 31.61, 65.71),
        ("مزار شریف", "AF", 36.71, 67.11),
        ("جلال‌آباد", "AF", 34.43, 70.45),
        ("جلال آباد", "AF", 34.43, 70.45),
        ("قندوز", "AF", 36.73, 68.86),
        ("غزنی", "AF", 33.55, 68.42),
        ("لشکرگاه", "AF", 31.59, 64.37),
        ("پلخمری", "AF", 35.94, 68.71),
        ("خوست", "AF", 33.34, 69.92),
        ("تهران", "IR", 35.69, 51.42),
        ("مشهد", "IR", 36.30, 59.61),
        ("اصفهان", "IR", 32.65, 51.67),
        ("شیراز", "IR", 29.61, 52.53),
        ("تبریز", "IR", 38.08, 46.29),
        ("زاهدان", "IR", 29.50, 60.86),
        ("کرمانشاه", "IR", 34.31, 47.07),
        ("سنندج", "IR", 35.31, 47.00),
        ("اهواز", "IR", 31.32, 48.67),
        ("مهاباد", "IR", 36.76, 45.72),
        ("کرمان", "IR", 30.28, 57.08),
        ("قامشلی", "SY", 37.05, 41.22),
        ("دمشق", "SY", 33.51, 36.29),
        ("حلب", "SY", 36.20, 37.16),
        ("دیر الزور", "SY", 35.34, 40.14),
        ("رقه", "SY", 35.95, 39.01),
        ("ادلب", "SY", 35.93, 36.63),
        ("کوبانی", "SY", 36.89, 38.35),
        ("بغداد", "IQ", 33.34, 44.40),
        ("موصل", "IQ", 36.34, 43.13),
        ("اربیل", "IQ", 36.19, 44.01),
        ("کرکوک", "IQ", 35.47, 44.39),
        ("سلیمانیه", "IQ", 35.56, 45.44),
        ("کویته", "PK", 30.19, 67.01),
        ("پیشاور", "PK", 34.01, 71.58),
        ("بیروت", "LB", 33.89, 35.50),
        ("غزه", "PS", 31.50, 34.47),
        ("صنعا", "YE", 15.35, 44.21),
        ("البوکمال", "SY", 34.45, 40.92),
        ("المیادین", "SY", 35.02, 40.45),
        ("حسکه", "SY", 36.50, 40.75),
        ("عفرین", "SY", 36.51, 36.87),
        ("منبج", "SY", 36.53, 37.95),
        ("حمص", "SY", 34.73, 36.72),
        ("فلوجه", "IQ", 33.35, 43.78),
        ("نجف", "IQ", 32.03, 44.35),
        ("کربلا", "IQ", 32.62, 44.02),
        ("بصره", "IQ", 30.51, 47.81),
        ("سنجار", "IQ", 36.32, 41.88),
        ("دهوک", "IQ", 36.87, 42.99),
        ("خان یونس", "PS", 31.35, 34.31),
        ("رفح", "PS", 31.29, 34.25),
        ("جنین", "PS", 32.46, 35.30),
        ("بامیان", "AF", 34.82, 67.83),
        ("میدان وردک", "AF", 34.40, 68.40),
        ("فاریاب", "AF", 35.9, 64.8),
        ("خاش", "IR", 28.22, 61.21),
        ("سراوان", "IR", 27.37, 62.33),
        ("ایذه", "IR", 31.83, 49.87),
    ],
    "arabic": [
        ("دير الزور", "SY", 35.34, 40.14),
        ("حلب", "SY", 36.20, 37.16),
        ("دمشق", "SY", 33.51, 36.29),
        ("القامشلي", "SY", 37.05, 41.22),
        ("الرقة", "SY", 35.95, 39.01),
        ("إدلب", "SY", 35.93, 36.63),
        ("حمص", "SY", 34.73, 36.72),
        ("حماة", "SY", 35.13, 36.75),
        ("درعا", "SY", 32.62, 36.10),
        ("دوما", "SY", 33.57, 36.40),
        ("منبج", "SY", 36.53, 37.95),
        ("عفرين", "SY", 36.51, 36.87),
        ("الحسكة", "SY", 36.50, 40.75),
        ("تدمر", "SY", 34.56, 38.28),
        ("البوكمال", "SY", 34.45, 40.92),
        ("الميادين", "SY", 35.02, 40.45),
        ("الموصل", "IQ", 36.34, 43.13),
        ("بغداد", "IQ", 33.34, 44.40),
        ("الفلوجة", "IQ", 33.35, 43.78),
        ("الرمادي", "IQ", 33.42, 43.30),
        ("كركوك", "IQ", 35.47, 44.39),
        ("أربيل", "IQ", 36.19, 44.01),
        ("تكريت", "IQ", 34.61, 43.68),
        ("سامراء", "IQ", 34.20, 43.87),
        ("البصرة", "IQ", 30.51, 47.81),
        ("سنجار", "IQ", 36.32, 41.88),
        ("بعقوبة", "IQ", 33.75, 44.64),
        ("صنعاء", "YE", 15.35, 44.21),
        ("عدن", "YE", 12.78, 45.04),
        ("الحديدة", "YE", 14.80, 42.95),
        ("مأرب", "YE", 15.46, 45.32),
        ("تعز", "YE", 13.58, 44.02),
        ("طرابلس", "LY", 32.89, 13.19),
        ("بنغازي", "LY", 32.12, 20.07),
        ("مصراتة", "LY", 32.38, 15.09),
        ("سرت", "LY", 31.21, 16.59),
        ("درنة", "LY", 32.77, 22.64),
        ("غزة", "PS", 31.50, 34.47),
        ("رفح", "PS", 31.29, 34.25),
        ("بيروت", "LB", 33.89, 35.50),
        ("الخرطوم", "SD", 15.55, 32.53),
        ("الفاشر", "SD", 13.63, 25.35),
        ("كابول", "AF", 34.53, 69.17),
        ("باماكو", "ML", 12.65, -8.00),
        ("نيامي", "NE", 13.51, 2.11),
        ("واغادوغو", "BF", 12.37, -1.53),
        ("تمبكتو", "ML", 16.77, -3.01),
        ("كيدال", "ML", 18.44, 1.41),
        ("خان يونس", "PS", 31.35, 34.31),
        ("جنين", "PS", 32.46, 35.30),
        ("نابلس", "PS", 32.22, 35.26),
        ("القدس", "IL", 31.78, 35.22),
        ("النجف", "IQ", 32.03, 44.35),
        ("كربلاء", "IQ", 32.62, 44.02),
        ("دهوك", "IQ", 36.87, 42.99),
        ("اللاذقية", "SY", 35.52, 35.78),
        ("طرطوس", "SY", 34.89, 35.89),
        ("سراقب", "SY", 35.86, 36.80),
        ("القنيطرة", "SY", 33.13, 35.82),
        ("جرابلس", "SY", 36.82, 38.01),
        ("تل أبيض", "SY", 36.70, 38.95),
        ("رأس العين", "SY", 36.85, 40.07),
        ("عين العرب", "SY", 36.89, 38.35),
        ("أعزاز", "SY", 36.59, 37.05),
        ("مقديشو", "SO", 2.04, 45.34),
        ("نيالا", "SD", 12.05, 24.88),
    ],
    "turkish": [
        ("Halep", "SY", 36.20, 37.16),
        ("Şam", "SY", 33.51, 36.29),
        ("Musul", "IQ", 36.34, 43.13),
        ("Kerkük", "IQ", 35.47, 44.39),
        ("Rakka", "SY", 35.95, 39.01),
        ("Münbiç", "SY", 36.53, 37.95),
        ("Afrin", "SY", 36.51, 36.87),
        ("İdlib", "SY", 35.93, 36.63),
        ("Humus", "SY", 34.73, 36.72),
        ("Hama", "SY", 35.13, 36.75),
        ("Deyrizor", "SY", 35.34, 40.14),
        ("Deir ez-Zor", "SY", 35.34, 40.14),
        ("Kamışlı", "SY", 37.05, 41.22),
        ("Resulayn", "SY", 36.85, 40.07),
        ("Tel Abyad", "SY", 36.70, 38.95),
        ("Cerablus", "SY", 36.82, 38.01),
        ("Azez", "SY", 36.59, 37.05),
        ("El Bab", "SY", 36.37, 37.52),
        ("Ayn el-Arap", "SY", 36.89, 38.35),
        ("Haseke", "SY", 36.50, 40.75),
        ("Bağdat", "IQ", 33.34, 44.40),
        ("Erbil", "IQ", 36.19, 44.01),
        ("Süleymaniye", "IQ", 35.56, 45.44),
        ("Sincar", "IQ", 36.32, 41.88),
        ("Telafer", "IQ", 36.37, 42.45),
        ("Tahran", "IR", 35.69, 51.42),
        ("Kabil", "AF", 34.53, 69.17),
        ("Kandahar", "AF", 31.61, 65.71),
        ("Herat", "AF", 34.35, 62.20),
        ("Mezar-ı Şerif", "AF", 36.71, 67.11),
        ("Hakkari", "TR", 37.57, 43.74),
        ("Diyarbakır", "TR", 37.91, 40.22),
        ("Şırnak", "TR", 37.52, 42.46),
        ("Kiev", "UA", 50.45, 30.52),
        ("Harkov", "UA", 49.99, 36.23),
        ("Donetsk", "UA", 48.00, 37.80),
        ("Odessa", "UA", 46.48, 30.73),
        ("Mariupol", "UA", 47.10, 37.55),
        ("Zaporijya", "UA", 47.84, 35.14),
        ("Herson", "UA", 46.64, 32.61),
        ("Bahmut", "UA", 48.60, 38.00),
        ("Moskova", "RU", 55.75, 37.62),
        ("Gazze", "PS", 31.50, 34.47),
        ("Beyrut", "LB", 33.89, 35.50),
        ("Trablusgarp", "LY", 32.89, 13.19),
        ("Bingazi", "LY", 32.12, 20.07),
        ("Sana", "YE", 15.35, 44.21),
        ("Aden", "YE", 12.78, 45.04),
        ("Hartum", "SD", 15.55, 32.53),
        ("Tel Rıfat", "SY", 36.47, 37.10),
        ("Lazkiye", "SY", 35.52, 35.78),
        ("Serakib", "SY", 35.86, 36.80),
        ("Kuneytra", "SY", 33.13, 35.82),
        ("Tedmür", "SY", 34.56, 38.28),
        ("Ebu Kemal", "SY", 34.45, 40.92),
        ("Felluce", "IQ", 33.35, 43.78),
        ("Necef", "IQ", 32.03, 44.35),
        ("Kerbela", "IQ", 32.62, 44.02),
        ("Duhok", "IQ", 36.87, 42.99),
        ("Mahmur", "IQ", 35.78, 43.58),
        ("Refah", "PS", 31.29, 34.25),
        ("Han Yunus", "PS", 31.35, 34.31),
        ("Kudüs", "IL", 31.78, 35.22),
        ("Trablusşam", "LB", 34.44, 35.85),
        ("Misrata", "LY", 32.38, 15.09),
        ("Mogadişu", "SO", 2.04, 45.34),
    ],
}

# (name, ISO2) of the countries conflict news names, per script.
COUNTRIES: dict[str, list[tuple[str, str]]] = {
    "cyrillic": [
        ("Сирия", "SY"),
        ("Сирія", "SY"),
        ("Україна", "UA"),
        ("Украина", "UA"),
        ("Росія", "RU"),
        ("Россия", "RU"),
        ("Ирак", "IQ"),
        ("Ірак", "IQ"),
        ("Афганистан", "AF"),
        ("Афганістан", "AF"),
        ("Иран", "IR"),
        ("Турция", "TR"),
        ("Туреччина", "TR"),
        ("Израиль", "IL"),
        ("Ізраїль", "IL"),
        ("Йемен", "YE"),
        ("Ємен", "YE"),
        ("Ливия", "LY"),
        ("Лівія", "LY"),
        ("Мали", "ML"),
        ("Білорусь", "BY"),
        ("Беларусь", "BY"),
        ("Грузия", "GE"),
    ],
    "persian": [
        ("سوریه", "SY"),
        ("افغانستان", "AF"),
        ("ایران", "IR"),
        ("عراق", "IQ"),
        ("ترکیه", "TR"),
        ("پاکستان", "PK"),
        ("اوکراین", "UA"),
        ("روسیه", "RU"),
        ("یمن", "YE"),
        ("اسرائیل", "IL"),
        ("لبنان", "LB"),
    ],
    "arabic": [
        ("سوريا", "SY"),
        ("سورية", "SY"),
        ("العراق", "IQ"),
        ("أفغانستان", "AF"),
        ("إيران", "IR"),
        ("تركيا", "TR"),
        ("اليمن", "YE"),
        ("ليبيا", "LY"),
        ("السودان", "SD"),
        ("روسيا", "RU"),
        ("أوكرانيا", "UA"),
        ("مالي", "ML"),
    ],
    "turkish": [
        ("Suriye", "SY"),
        ("Irak", "IQ"),
        ("Afganistan", "AF"),
        ("İran", "IR"),
        ("Türkiye", "TR"),
        ("Yemen", "YE"),
        ("Libya", "LY"),
        ("Sudan", "SD"),
        ("Rusya", "RU"),
        ("Ukrayna", "UA"),
        ("Mali", "ML"),
        ("İsrail", "IL"),
        ("Lübnan", "LB"),
    ],
}


@dataclass
class Tally:
    total: int = 0
    found: int = 0
    right: int = 0
    any: int = 0


def _at(e: Entry, cc: str, lat: float, lon: float) -> bool:
    return (
        e.country == cc
        and e.lat is not None
        and e.lon is not None
        and haversine_km(lat, lon, e.lat, e.lon) <= TOLERANCE_KM
    )


def _names(gaz: Gazetteer, name: str) -> tuple[Entry, ...]:
    """What the place finder would find: it reads text without invisible characters (ZWNJ)."""
    return gaz.names(VisibleText.of(name).text)


def measure_places(gaz: Gazetteer, misses: list[str]) -> dict[str, Tally]:
    out = {}
    for script, rows in PLACES.items():
        t = out[script] = Tally()
        for name, cc, lat, lon in rows:
            found = _names(gaz, name)
            t.total += 1
            t.found += bool(found)
            t.right += bool(found) and _at(found[0], cc, lat, lon)
            t.any += any(_at(e, cc, lat, lon) for e in found)
            if not (found and _at(found[0], cc, lat, lon)):
                top = f"{found[0].name} {found[0].country} ({found[0].feature_code})" if found else "nothing"
                misses.append(f"{script:9} {name} ({cc}) -> {top}")
    return out


def measure_countries(gaz: Gazetteer, misses: list[str]) -> dict[str, Tally]:
    out = {}
    for script, rows in COUNTRIES.items():
        t = out[script] = Tally()
        for name, cc in rows:
            found = _names(gaz, name)
            ok = bool(found) and found[0].feature_code == "PCLI" and found[0].country == cc
            t.total += 1
            t.found += bool(found)
            t.right += ok
            t.any += any(e.feature_code == "PCLI" and e.country == cc for e in found)
            if not ok:
                top = f"{found[0].name} {found[0].country} ({found[0].feature_code})" if found else "nothing"
                misses.append(f"{script:9} country {name} ({cc}) -> {top}")
    return out


def _print(title: str, tallies: dict[str, Tally]) -> None:
    print(f"{title:10} {'names':>5} {'found':>6} {'right':>6} {'any':>6}")
    for script, t in tallies.items():
        print(f"{script:10} {t.total:5} {t.found:6} {t.right:6} {t.any:6}")
    total = Tally(*(sum(getattr(t, f) for t in tallies.values()) for f in ("total", "found", "right", "any")))
    print(f"{'all':10} {total.total:5} {total.found:6} {total.right:6} {total.any:6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the names not found or resolved wrongly")
    args = parser.parse_args()
    gaz = load()
    misses: list[str] = []
    _print("places", measure_places(gaz, misses))
    print()
    _print("countries", measure_countries(gaz, misses))
    if args.misses:
        print()
        print("\n".join(misses))


if __name__ == "__main__":
    main()
