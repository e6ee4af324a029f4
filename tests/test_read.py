"""sitrep.read: every input kind, datelines, language detection, ids and published priority."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.lang import available_languages, load_pack
from sitrep.lang.choose import detect_language
from sitrep.read import MAX_ARTICLE_BYTES, dateline_date, read_inputs, sanitise
from sitrep.records import Document

EXAMPLES = Path(__file__).parent.parent / "examples"
D = dt.date

EN_TEXT = (
    "Gunmen attacked a police checkpoint on the outskirts of the city on Tuesday, killing three "
    "officers and wounding two others, a local official said. No group has claimed the attack."
)
NB_TEXT = (
    "Tre politifolk ble drept og to andre såret da væpnede menn angrep en kontrollpost i utkanten "
    "av byen tirsdag, opplyser lokale myndigheter. Ingen gruppe har tatt på seg ansvaret."
)
HTML_PAGE = """<!DOCTYPE html><html><head><title>Bomb | Example News</title>
<meta property="article:published_time" content="2021-03-04T10:00:00Z"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Car bomb kills five in market</h1>
<p>A car bomb exploded in a busy market in the town on Tuesday, killing five people and wounding
twelve others, police said. No group has claimed responsibility for the attack so far.</p>
<p>The explosion happened near a checkpoint manned by soldiers, witnesses said, and several
shops were destroyed. Security forces sealed off the area after the blast.</p></article>
<footer>Copyright 2021 Example News. All rights reserved. Privacy policy.</footer></body></html>"""


def read_all(*paths: str | Path, **kwargs: object) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))  # type: ignore[arg-type]


def only_doc(*paths: str | Path, **kwargs: object) -> Document:
    items = read_all(*paths, **kwargs)
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_error(*paths: str | Path, **kwargs: object) -> InputError:
    items = read_all(*paths, **kwargs)
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


def jsonl(path: Path, *records: object) -> Path:
    return write(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


# --- datelines ------------------------------------------------------------------------------

DATELINES = [
    ("date 2020-01-27 BEIRUT – The Islamic State organization has increased", D(2020, 1, 27)),
    ("Concepcion, 23 Aug 88 (Santiago Domestic Service) -- [Text] A bomb", D(1988, 8, 23)),
    ("   SAN SALVADOR, 3 JAN 90 -- [REPORT] [ARMED FORCES PRESS COMMITTEE]", D(1990, 1, 3)),
    ("BOGOTA, 12 ENE 90 (EFE) -- [TEXT] GUERRILLAS", D(1990, 1, 12)),
    ("LIMA, 3 DIC 89 -- [TEXT] A CAR BOMB", D(1989, 12, 3)),
    ("   PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- [TEXT] SECURITY WAS TIGHT", D(1989, 6, 11)),
    ("KABUL, Oct 5 2019 (Reuters) - A suicide bomber", D(2019, 10, 5)),
    ("QAMISHLI, Syria, Nov 11, 2019 (Reuters) - Three car bombs", D(2019, 11, 11)),
    ("In Kabul, Herat, Kandahar, 3 JAN 90 -- three provinces", None),
    ("LOS ANGELES, April 05, 2018 (NEWSWIRE) -- A law firm", D(2018, 4, 5)),
    ("Dagestan profile Published duration 17 January 2018The Russian Republic", D(2018, 1, 17)),
    ("Published 17 January 2018\n\nGunmen attacked", D(2018, 1, 17)),
    ("CTV Saskatoon Published Saturday, March 31, 2018 1:19PM CST\n\nA man", D(2018, 3, 31)),
    ("Tre bilbomber i Qamishli\n\nPublisert 11.11.2019 kl. 19:40\n\nMinst seks", D(2019, 11, 11)),
    ("Publisert 14. jan. 2020 kl. 10.12\nTo soldater", D(2020, 1, 14)),
    ("Oppdatert 3. mars 2021\nEn bombe", D(2021, 3, 3)),
    ("17 January 2018 — Gunmen attacked a village", D(2018, 1, 17)),
    ("MOGADISHU, Feb 9 2021 (Horn Wire) - Mortar shells", D(2021, 2, 9)),
    # No year: never guess one.
    ("LONDON, March 3 (Reuters) - Police arrested", None),
    ("OSLO (NTB): Fem personer ble skadd", None),
    ("BEIRUT (AP) — A Kurdish militia spokesman says", None),
    # Dates in the story are event dates, not datelines.
    ("On December 21, 2015 in Bagram, a suicide bomber blew himself up. *2015-12-21, x", None),
    ("Gunmen killed 12 people on 14 January 2020 in the village of X.", None),
    ("LONDON, May 3 12 people died when", None),
    # An impossible date is no date.
    ("SAN SALVADOR, 31 FEB 90 -- [TEXT]", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_dateline_date(text: str, expected: dt.date | None) -> None:
    assert dateline_date(text) == expected


@pytest.mark.parametrize(
    ("year", "expected"), [("88", 1988), ("69", 1969), ("99", 1999), ("00", 2000), ("19", 2019), ("68", 2068)]
)
def test_two_digit_years_pivot_at_69(year: str, expected: int) -> None:
    assert dateline_date(f"SAN SALVADOR, 3 JAN {year} -- [TEXT]") == D(expected, 1, 3)


def test_dateline_is_only_looked_for_at_the_top() -> None:
    assert dateline_date("x" * 300 + "\nSAN SALVADOR, 3 JAN 90 -- [TEXT]") is None


# --- language -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (EN_TEXT, "en"),
        (NB_TEXT, "nb"),
        (EN_TEXT.upper(), "en"),  # MUC-4 / FBIS transcripts are all capitals
        ("SAN SALVADOR, 3 JAN 90 -- [TEXT] ARMED MEN KIDNAPPED AN OFFICIAL OF THE MINISTRY", "en"),
        (NB_TEXT.upper(), "nb"),
        ("Tre bilbomber gikk av i byen mandag. IS hevder å ha stått bak angrepet.", "nb"),
        # Nynorsk and Danish are mapped to the Norwegian pack by its langid_codes.
        ("Tre politifolk vart drepne då væpna menn gjekk til åtak på ein kontrollpost i byen.", "nb"),
        # A text with nothing to identify gets the English pack.
        ("", "en"),
        ("   \n ", "en"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_detect_language_reads_long_articles() -> None:
    # Speed is measured in bench/stage_speed.py, not asserted here (machines differ).
    assert [detect_language(text) for text in (EN_TEXT * 40, NB_TEXT * 40)] == ["en", "nb"]


@pytest.mark.parametrize(("code", "expected"), [("no", "nb"), ("nb", "nb"), ("nn", "nb"), ("en", "en")])
def test_jsonl_language_field_maps_to_a_pack(tmp_path: Path, code: str, expected: str) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"id": "a", "text": EN_TEXT, "language": code})
    assert only_doc(path).lang == expected


def test_lang_argument_overrides_detection_but_not_the_jsonl_field(tmp_path: Path) -> None:
    txt = write(tmp_path / "a.txt", EN_TEXT)
    lines = jsonl(tmp_path / "b.jsonl", {"id": "b", "text": EN_TEXT, "language": "en"}, {"id": "c", "text": EN_TEXT})
    docs = read_all(txt, lines, lang="no")
    assert [d.lang for d in docs if isinstance(d, Document)] == ["nb", "en", "nb"]


# --- text files, folders, ids ---------------------------------------------------------------


def test_text_file(tmp_path: Path) -> None:
    doc = only_doc(write(tmp_path / "attack-report.txt", "KABUL, Oct 5 2019 (Reuters) - " + EN_TEXT))
    assert doc == Document("attack-report", doc.text, D(2019, 10, 5), "en", None, None)
    assert doc.text.endswith("No group has claimed the attack.")


def test_newlines_are_normalised(tmp_path: Path) -> None:
    assert only_doc(write(tmp_path / "a.txt", "one\r\ntwo\rthree")).text == "one\ntwo\nthree"


def test_utf8_bom_and_utf16_are_decoded(tmp_path: Path) -> None:
    assert only_doc(write(tmp_path / "a.txt", b"\xef\xbb\xbf" + NB_TEXT.encode())).text == NB_TEXT
    assert only_doc(write(tmp_path / "b.txt", NB_TEXT.encode("utf-16"))).text == NB_TEXT


def test_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    assert only_doc(write(tmp_path / "story.md", EN_TEXT)).id == "story"
    assert only_doc(write(tmp_path / "noext", EN_TEXT)).id == "noext"


def test_folder_is_read_recursively_sorted_skipping_hidden_and_docs(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", EN_TEXT)
    write(tmp_path / "a.txt", EN_TEXT)
    write(tmp_path / "sub" / "c.txt", NB_TEXT)
    write(tmp_path / "sub" / "0.txt", NB_TEXT)
    write(tmp_path / ".hidden.txt", EN_TEXT)
    write(tmp_path / ".git" / "d.txt", EN_TEXT)
    write(tmp_path / "README.md", "# About these articles")
    ids = [d.id for d in read_all(tmp_path) if isinstance(d, Document)]
    assert ids == ["a", "b", "0", "c"]


def test_a_named_readme_is_still_read(tmp_path: Path) -> None:
    assert only_doc(write(tmp_path / "README.md", EN_TEXT)).id == "README"


def test_empty_folder(tmp_path: Path) -> None:
    assert only_error(tmp_path).reason == "folder contains no files"


def test_bundled_examples() -> None:
    docs = read_all(EXAMPLES)
    assert all(isinstance(d, Document) for d in docs), docs
    by_id = {d.id: d for d in docs if isinstance(d, Document)}
    assert len(by_id) == len(docs) >= 6
    assert {d.lang for d in docs if isinstance(d, Document)} == {"en", "nb"}
    assert all(d.published for d in by_id.values())
    assert by_id["fbis-san-salvador"].published == D(1990, 1, 3)
    assert by_id["wire-deir-ez-zor-mayadeen"].published == D(2020, 1, 27)
    assert by_id["nrk-qamishli-bilbomber"].lang == "nb"
    for doc in by_id.values():
        assert 100 <= len(doc.text.split()) <= 350, doc.id


# --- HTML -----------------------------------------------------------------------------------


def test_html_article_body_and_meta_date(tmp_path: Path) -> None:
    doc = only_doc(write(tmp_path / "page.html", HTML_PAGE))
    assert doc.id == "page"
    assert "killing five people" in doc.text
    assert "Copyright" not in doc.text and "Sport" not in doc.text
    assert doc.published == D(2021, 3, 4)
    assert doc.lang == "en"


def test_html_is_sniffed_when_the_extension_does_not_say(tmp_path: Path) -> None:
    doc = only_doc(write(tmp_path / "page.xml2", HTML_PAGE))
    assert "<p>" not in doc.text and "killing five people" in doc.text


def test_html_dates_in_the_body_are_not_publication_dates(tmp_path: Path) -> None:
    page = HTML_PAGE.replace('<meta property="article:published_time" content="2021-03-04T10:00:00Z">', "")
    page = page.replace("on Tuesday", "on 14 January 2020")
    assert only_doc(write(tmp_path / "page.htm", page)).published is None


def test_html_without_article_body(tmp_path: Path) -> None:
    page = "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    err = only_error(write(tmp_path / "nav.html", page))
    assert err.source == str(tmp_path / "nav.html")
    assert err.reason == "no article text found in the HTML"


# --- JSON Lines -----------------------------------------------------------------------------


def test_benchmark_jsonl(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "documents.jsonl",
        {"id": "d1", "text": EN_TEXT, "published": "2020-01-27", "language": "en", "source": "Wire"},
        {"id": "d2", "text": NB_TEXT, "published": None, "language": None, "source": None},
    )
    d1, d2 = read_all(path)
    assert d1 == Document("d1", EN_TEXT, D(2020, 1, 27), "en", "Wire", None)
    assert d2 == Document("d2", NB_TEXT, None, "nb", None, None)


def test_jsonl_without_id_gets_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", "\n" + json.dumps({"text": EN_TEXT}) + "\n")
    assert only_doc(path).id == "feed-2"


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok1", "text": EN_TEXT}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "bad-date", "text": EN_TEXT, "published": "27/01/2020"}),
        json.dumps({"id": "empty", "text": "  "}),
        json.dumps({"id": "ok2", "text": NB_TEXT}),
    ]
    path = write(tmp_path / "docs.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    assert [d.id for d in items if isinstance(d, Document)] == ["ok1", "ok2"]
    errors = [e for e in items if isinstance(e, InputError)]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    assert errors[0].reason == "line 2: not valid JSON (Expecting property name enclosed in double quotes)"
    assert errors[1].reason == "line 3: not a JSON object"
    assert errors[2].reason == 'line 4: no "text" string field'
    assert errors[3].reason == "line 5: \"published\" is not a YYYY-MM-DD date: '27/01/2020'"
    assert errors[4].reason == 'line 6: empty "text"'


def test_deeply_nested_json_line(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.jsonl", "[" * 100_000 + "]" * 100_000 + "\n")
    assert only_error(path).reason in ("line 1: not valid JSON (nested too deeply)", "line 1: not a JSON object")


def test_jsonl_line_with_bad_bytes(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": EN_TEXT}).encode()
    bad = json.dumps({"id": "bad", "text": "x"}).encode().replace(b"x", b"\xe6\xf8\xe5" * 3)
    items = read_all(write(tmp_path / "d.jsonl", good + b"\n" + bad + b"\n"))
    assert isinstance(items[0], Document)
    assert isinstance(items[1], InputError) and items[1].reason.startswith("line 2: not valid UTF-8 text (byte")


def test_json_file_with_one_object_or_an_array(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", json.dumps({"id": "x", "text": EN_TEXT}, indent=2))
    many = write(tmp_path / "many.json", json.dumps([{"id": "y", "text": EN_TEXT}, 3]))
    items = read_all(one, many)
    assert [getattr(i, "id", None) for i in items[:2]] == ["x", "y"]
    assert isinstance(items[2], InputError) and items[2].source == f"{many}:2"


def test_json_file_with_lines(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "docs.json", {"id": "a", "text": EN_TEXT}, {"id": "b", "text": NB_TEXT})
    assert [getattr(d, "id", None) for d in read_all(path)] == ["a", "b"]


# --- published priority ---------------------------------------------------------------------


def test_published_priority(tmp_path: Path) -> None:
    dated = "KABUL, Oct 5 2019 (Reuters) - " + EN_TEXT
    path = jsonl(
        tmp_path / "d.jsonl",
        {"id": "field", "text": dated, "published": "2019-10-06"},
        {"id": "dateline", "text": dated},
        {"id": "none", "text": EN_TEXT},
    )
    assert [d.published for d in read_all(path)] == [D(2019, 10, 6), D(2019, 10, 5), None]  # type: ignore[union-attr]
    # The argument beats the dateline and the HTML metadata, not the JSONL field.
    arg = D(2000, 1, 1)
    assert [d.published for d in read_all(path, published=arg)] == [D(2019, 10, 6), arg, arg]  # type: ignore[union-attr]
    html = write(tmp_path / "p.html", HTML_PAGE)
    assert only_doc(html, published=arg).published == arg


# --- bad input ------------------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    err = only_error(tmp_path / "nope.txt")
    assert (err.source, err.reason) == (str(tmp_path / "nope.txt"), "no such file or folder")


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    assert only_error(write(tmp_path / "e.txt", content)).reason == "empty file"


def test_empty_jsonl(tmp_path: Path) -> None:
    assert only_error(write(tmp_path / "e.jsonl", "\n\n")).reason == "empty file"


def test_binary_file(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert only_error(write(tmp_path / "img.png", png)).reason == "binary file (contains NUL bytes), not text"
    assert only_error(write(tmp_path / "img.jsonl", png)).reason == "binary file (contains NUL bytes), not text"


def test_invalid_utf8_is_rejected(tmp_path: Path) -> None:
    latin1 = ("Tre bilbomber gikk av i byen, og IS hevder å ha stått bak. " * 5).encode("latin-1")
    first_bad = latin1.index("å".encode("latin-1"))
    err = only_error(write(tmp_path / "latin1.txt", latin1))
    assert err.reason == f"not valid UTF-8 text (byte {first_bad})"


def test_a_few_bad_bytes_are_replaced(tmp_path: Path) -> None:
    data = (EN_TEXT * 3).encode().replace(b"Tuesday", b"Tu\xe9sday", 1)
    doc = only_doc(write(tmp_path / "stray.txt", data))
    assert "Tu\ufffdsday" in doc.text


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(20 * 1024 * 1024)  # sparse: size is checked before reading
    assert only_error(path).reason == "file is 20.0 MB, over the 5 MB limit"


def test_jsonl_line_over_the_size_limit(tmp_path: Path) -> None:
    big = json.dumps({"id": "big", "text": "word " * (1_100_000)})
    path = write(tmp_path / "d.jsonl", big + "\n" + json.dumps({"id": "ok", "text": EN_TEXT}) + "\n")
    err, doc = read_all(path)
    assert isinstance(err, InputError) and err.reason == "line 1: over the 5 MB limit"
    assert isinstance(doc, Document) and doc.id == "ok"


def test_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    paths = [
        tmp_path / "missing.txt",
        write(tmp_path / "empty.txt", b""),
        write(tmp_path / "good.txt", EN_TEXT),
        write(tmp_path / "bin.dat", b"\x00\x01\x02"),
    ]
    kinds = [type(i).__name__ for i in read_all(*paths)]
    assert kinds == ["InputError", "InputError", "Document", "InputError"]


# --- what cannot be read: file modes -----------------------------------------------------------
# The tests run as root, whom file modes do not stop: the reader runs in a child process
# without the capabilities that let root ignore them (capsh, libcap2-bin), so modes apply.

CAPSH = shutil.which("capsh")
READ_AND_SAY = (
    "import sys\n"
    "from sitrep.read import read_inputs\n"
    "for item in read_inputs(sys.argv[1:]):\n"
    "    print(f'{type(item).__name__} {item.id if hasattr(item, \"text\") else item}')\n"
)


def read_as_a_user(*paths: Path) -> list[str]:
    """read_inputs over `paths` in a child process that file modes apply to: 'Document <id>' or
    'InputError <source>: <reason>' per item."""
    command = [sys.executable, "-c", READ_AND_SAY, *map(str, paths)]
    if os.geteuid() == 0:
        if CAPSH is None:
            pytest.skip("capsh (libcap2-bin) not found: as root, file modes cannot be made to apply")
        command = [CAPSH, "--drop=cap_dac_override,cap_dac_read_search", "--", "-c", shlex.join(command)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0 and not proc.stderr, proc.stderr
    return proc.stdout.splitlines()


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[list[Path]]:
    """chmod 0 the paths appended to this list; restored after the test, so tmp_path can be removed."""
    paths: list[Path] = []
    yield paths
    for path in paths:
        path.chmod(0o755)


def test_unreadable_file(tmp_path: Path, locked: list[Path]) -> None:
    path = write(tmp_path / "secret.txt", EN_TEXT)
    path.chmod(0)
    locked.append(path)
    assert read_as_a_user(path) == [f"InputError {path}: cannot read: Permission denied"]


def test_an_unreadable_folder_is_one_line_and_the_rest_is_read(tmp_path: Path, locked: list[Path]) -> None:
    write(tmp_path / "news" / "a.txt", EN_TEXT)
    write(tmp_path / "news" / "locked" / "b.txt", EN_TEXT)
    write(tmp_path / "news" / "locked" / "deeper" / "c.txt", EN_TEXT)
    write(tmp_path / "news" / "z" / "d.txt", NB_TEXT)
    (tmp_path / "news" / "locked").chmod(0)
    locked.append(tmp_path / "news" / "locked")
    assert read_as_a_user(tmp_path / "news") == [
        "Document a",
        f"InputError {tmp_path / 'news' / 'locked'}: cannot read the folder: Permission denied",
        "Document d",
    ]


def test_an_unreadable_folder_named_on_the_command_line(tmp_path: Path, locked: list[Path]) -> None:
    write(tmp_path / "locked" / "b.txt", EN_TEXT)
    (tmp_path / "locked").chmod(0)
    locked.append(tmp_path / "locked")
    inside = tmp_path / "locked" / "b.txt"  # a file in a folder that may not be searched
    assert read_as_a_user(tmp_path / "locked", inside) == [
        f"InputError {tmp_path / 'locked'}: cannot read the folder: Permission denied",
        f"InputError {inside}: cannot read: Permission denied",
    ]


# --- stdin ----------------------------------------------------------------------------------


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, ("SAN SALVADOR, 3 JAN 90 -- [TEXT] " + EN_TEXT.upper()).encode())
    doc = only_doc("-")
    assert (doc.id, doc.published, doc.lang) == ("stdin", D(1990, 1, 3), "en")


def test_stdin_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [{"id": "a", "text": EN_TEXT}, {"text": NB_TEXT}]
    fake_stdin(monkeypatch, "\n".join(json.dumps(r) for r in lines).encode() + b"\n\n")
    assert [(d.id, d.lang) for d in read_all("-")] == [("a", "en"), ("stdin-2", "nb")]  # type: ignore[union-attr]


def test_stdin_with_some_json_is_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps({"id": "a", "text": EN_TEXT}) + "\nand then a plain line\n"
    fake_stdin(monkeypatch, text.encode())
    assert only_doc("-").text == text


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, HTML_PAGE.encode())
    assert "killing five people" in only_doc("-").text


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "no input"), (b" \n", "no input"), (b"\x00\x00", "binary file (contains NUL bytes), not text")],
)
def test_stdin_bad(monkeypatch: pytest.MonkeyPatch, data: bytes, reason: str) -> None:
    fake_stdin(monkeypatch, data)
    err = only_error("-")
    assert (err.source, err.reason) == ("stdin", reason)


# --- text that cannot be encoded: lone surrogates and NULs --------------------------------------
# JSON can escape half of a UTF-16 pair ("\ud83d", half an emoji cut by a scraper); decoded, it
# is a str that cannot be encoded as UTF-8, so it could be neither hashed, stored nor printed.

HALF_EMOJI = "\\ud83d"  # as JSON writes it: json.dumps keeps the escape (ensure_ascii)


def test_sanitise_keeps_every_offset() -> None:
    text = "a\ud83db\x00c\udc00\U0001f600"
    clean = sanitise(text)
    assert clean == "a\ufffdb c\ufffd\U0001f600" and len(clean) == len(text)
    clean.encode("utf-8")  # storable now


def test_a_lone_surrogate_in_a_json_line_is_replaced_and_said(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "good", "text": EN_TEXT}),
        json.dumps({"id": "half", "text": "x \ud83d " + EN_TEXT}),
        json.dumps({"id": "c\udc00", "text": NB_TEXT, "source": "Wire\ud800", "url": "https://x.example/\udfff"}),
    ]
    assert HALF_EMOJI in lines[1]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    good, half, odd_id = read_all(path)
    assert isinstance(good, Document) and good.repairs == ()
    assert isinstance(half, Document) and half.text == "x \ufffd " + EN_TEXT and half.lang == "en"
    assert half.repairs == (f"{path}:2: text: 1 lone surrogate replaced by U+FFFD",)
    assert isinstance(odd_id, Document)
    assert (odd_id.id, odd_id.source, odd_id.url) == ("c\ufffd", "Wire\ufffd", "https://x.example/\ufffd")
    assert odd_id.repairs == (
        f"{path}:3: id: 1 lone surrogate replaced by U+FFFD; source: 1 lone surrogate "
        "replaced by U+FFFD; url: 1 lone surrogate replaced by U+FFFD",
    )


def test_a_lone_surrogate_in_a_json_file_and_on_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = [{"id": "a", "text": EN_TEXT + " \udc00"}, {"id": "b", "text": NB_TEXT}]
    path = write(tmp_path / "list.json", json.dumps(records))
    assert [d.repairs for d in read_all(path)] == [  # type: ignore[union-attr]
        (f"{path}:1: text: 1 lone surrogate replaced by U+FFFD",),
        (),
    ]
    fake_stdin(monkeypatch, "\n".join(json.dumps(r) for r in records).encode())
    assert [d.repairs for d in read_all("-")] == [("stdin:1: text: 1 lone surrogate replaced by U+FFFD",), ()]  # type: ignore[union-attr]


def test_a_nul_is_a_space_and_said(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "nul.jsonl", {"id": "n\u0000", "text": EN_TEXT + "\u0000\u0000"})
    doc = only_doc(path)
    assert (doc.id, doc.text) == ("n ", EN_TEXT + "  ")
    assert doc.repairs == (f"{path}:1: id: 1 NUL replaced by a space; text: 2 NULs replaced by a space",)


def test_a_file_name_that_is_not_utf8_is_read_and_named_printably(tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(EN_TEXT)
    (folder / os.fsdecode(b"empty\xff.txt")).write_bytes(b"")
    doc, err = read_all(folder)
    assert isinstance(doc, Document) and doc.id == "caf\ufffd" and doc.repairs
    assert isinstance(err, InputError) and err.source == f"{folder}/empty\\udcff.txt"
    str(err).encode("utf-8")  # printable


# --- the article limit, for each record of a bigger whole ----------------------------------------

OVER_LIMIT = "word " * (MAX_ARTICLE_BYTES // 5 + 1)


def test_a_record_of_a_json_file_over_the_limit_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "list.json",
        json.dumps([{"id": "a", "text": EN_TEXT}, {"id": "big", "text": OVER_LIMIT}, {"id": "c", "text": NB_TEXT}]),
    )
    first, err, last = read_all(path)
    assert isinstance(err, InputError) and (err.source, err.reason) == (f"{path}:2", "line 2: over the 5 MB limit")
    assert isinstance(first, Document) and isinstance(last, Document) and (first.id, last.id) == ("a", "c")


def test_a_single_json_object_over_the_limit(tmp_path: Path) -> None:
    err = only_error(write(tmp_path / "one.json", json.dumps({"id": "big", "text": OVER_LIMIT})))
    assert err.reason == "line 1: over the 5 MB limit"


@pytest.mark.parametrize("lang", available_languages())
def test_every_month_word_and_keyword_of_a_pack_reads_in_a_dateline(lang: str) -> None:
    """The dateline reader takes its words from the packs (dates.toml), so a new pack's dates are read."""
    dates = load_pack(lang)["dates"]
    for word, month in {**dates["months"], **dates["month_abbreviations"]}.items():
        assert dateline_date(f"BEIRUT, 3 {word.upper()} 2020 -- Gunmen attacked.") == dt.date(2020, month, 3), word
    for keyword in dates["dateline_keywords"]:
        assert dateline_date(f"{keyword.capitalize()}: 2020-01-27\nGunmen attacked.") == dt.date(2020, 1, 27), keyword
