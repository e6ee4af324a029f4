"""Reading articles: files, folders, JSON Lines (benchmark format), Parquet tables with the same
columns, HTML, stdin -> Document.

This is an edge of the pipeline: the only module that touches input files. Bad input never
raises out of `read_inputs` and never stops a batch: it becomes an `InputError(source, reason)`
in the stream, where source is the path (or "path:lineno" for a JSON line), and reading goes on.

Policies (see also the README of the CLI):
- Size: an article (a text or HTML file, a JSON line, a record of a .json file or a Parquet
  table, plain stdin) may be at most 5 MB; a bigger one is almost certainly not a news article
  (a dump, a log) and would stall extraction. A .jsonl file is streamed line by line, so only
  each line is limited, not the file; a .parquet file batch by batch, each row's text limited;
  a .json file is read whole (up to 200 MB), each of its records limited.
- UTF-8: text must be UTF-8 (a BOM is allowed; UTF-16 with a BOM is decoded too). Text with a
  few bad bytes (at most 1 in 100) is accepted with U+FFFD in their place - scraped news often
  has a stray Latin-1 byte. More than that is rejected as "not valid UTF-8 text (byte N)";
  NUL bytes mean a binary file.
- Every text field of every record (id, text, source, url), whatever the path it came by, goes
  through `sanitise`: a NUL (JSON may escape one) becomes a space and a lone surrogate (JSON's
  "\ud83d" without its other half: half an emoji cut by a scraper) becomes U+FFFD, so offsets
  hold and the record can be hashed, stored and printed. A record so repaired is stored, and
  says so in `Document.repairs` (one line naming it, printed by the CLI).
- Publication date: the JSONL `published` field, else the `published` argument, else the
  HTML metadata date (article:published_time and the like), else a dateline at the top of the
  text (`sitrep.dateline`).
- Language: the JSONL `language` field, else the `lang` argument, else identified
  (`sitrep.lang.choose.choose_pack`); a language no pack covers, given or identified, makes the
  record a NoLanguagePack (an InputError) naming it: "no language pack for 'it' (Italian)". It
  is never read with another language's pack.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sitrep.dateline import dateline_date
from sitrep.errors import InputError, NoLanguagePack, needs_extra, printable
from sitrep.lang.choose import UnknownLanguage, choose_pack
from sitrep.records import Document

MB = 1024 * 1024
# One article. The longest benchmark article is ~30 KB; 5 MB leaves room for HTML pages with
# inline scripts while rejecting dumps that would stall the extractor.
MAX_ARTICLE_BYTES = 5 * MB
# A whole .json file or stdin is read at once (to tell JSONL from plain text); cap the memory.
MAX_STREAM_BYTES = 200 * MB
# Share of undecodable bytes still accepted (replaced by U+FFFD) before a file counts as not UTF-8.
MAX_BAD_BYTE_SHARE = 0.01
# Fewer words than this out of an HTML page is a leftover ("Home", "Latest"), not an article.
MIN_HTML_WORDS = 8
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
PARQUET_SUFFIXES = {".parquet"}
# Files holding many articles: streamed record by record where they are read.
COLLECTION_SUFFIXES = JSONL_SUFFIXES | JSON_SUFFIXES | PARQUET_SUFFIXES
# The columns of a Parquet documents table (FORMAT.md's fields); only `text` is required.
PARQUET_COLUMNS = ("id", "text", "published", "language", "source", "url")
PARQUET_BATCH_ROWS = 256
# A folder of articles often carries its own documentation (examples/README.md); those files
# are skipped in folder walks. Named explicitly on the command line, they are read.
NOT_ARTICLES = {"readme", "license", "licence", "copying", "notice", "changelog", "sources"}


class _Unreadable(Exception):
    """Internal: why some bytes cannot be an article. Turned into an InputError at the edge
    (`_input_error`); `language`: the language it is in, when that is why (no pack covers it)."""

    def __init__(self, reason: str, language: str | None = None) -> None:
        super().__init__(reason)
        self.language = language

    def within(self, where: str) -> _Unreadable:
        """The same reason, said of a part of the input ("line 3: ...")."""
        return _Unreadable(f"{where}: {self}", self.language)


def _input_error(source: str, e: _Unreadable) -> InputError:
    if e.language is not None:
        return NoLanguagePack(source, str(e), e.language)
    return InputError(source, str(e))


@dataclass(frozen=True)
class _Defaults:
    """What the caller said about inputs that do not say it themselves."""

    published: dt.date | None
    lang: str | None


def read_inputs(
    paths: Sequence[str], published: dt.date | None = None, lang: str | None = None
) -> Iterator[Document | InputError]:
    """Yield a Document per article, or an InputError per unreadable input; never raise for bad input.
    "-" reads stdin."""
    for unit in read_units(paths, published, lang, defer_files=False):
        assert not isinstance(unit, FileUnit)  # defer_files=False reads every file here
        yield unit


@dataclass(frozen=True)
class FileUnit:
    """A file of one article, not read yet: whoever takes it reads it (`read_unit`), so a worker
    process can decode it, extract its HTML and identify its language in parallel with others."""

    path: str
    published: dt.date | None
    lang: str | None


def read_units(
    paths: Sequence[str], published: dt.date | None = None, lang: str | None = None, defer_files: bool = True
) -> Iterator[Document | InputError | FileUnit]:
    """As read_inputs, but with defer_files a file of one article comes as a FileUnit to be read
    later; collections (JSON Lines, JSON, Parquet) and stdin are streamed here."""
    defaults = _Defaults(published, lang)
    for path in paths:
        if path == "-":
            yield from _read_stdin(sys.stdin.buffer, defaults)
        else:
            yield from _read_path(Path(path), defaults, defer_files)


def read_unit(unit: FileUnit) -> list[Document | InputError]:
    """The article of a deferred file (or why it cannot be read)."""
    return list(_read_file(Path(unit.path), _Defaults(unit.published, unit.lang)))


# --- paths, folders, files ------------------------------------------------------------------


def _read_path(path: Path, defaults: _Defaults, defer: bool) -> Iterator[Document | InputError | FileUnit]:
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except (FileNotFoundError, NotADirectoryError):
        yield InputError(str(path), "no such file or folder")
        return
    except OSError as e:  # a folder on the way that may not be searched, a name too long, ...
        yield InputError(str(path), f"cannot read: {e.strerror or e}")
        return
    if not is_folder:
        yield from _file_items(path, defaults, defer)
        return
    found = list(folder_files(path))
    if not found:
        yield InputError(str(path), "folder contains no files")
    for item in found:
        if isinstance(item, InputError):
            yield item
        else:
            yield from _file_items(item, defaults, defer)


def _file_items(path: Path, defaults: _Defaults, defer: bool) -> Iterator[Document | InputError | FileUnit]:
    if defer and path.suffix.lower() not in COLLECTION_SUFFIXES:
        yield FileUnit(str(path), defaults.published, defaults.lang)
    else:
        yield from _read_file(path, defaults)


def folder_files(folder: Path) -> Iterator[Path | InputError]:
    """Files under `folder`, recursively, in sorted order; hidden files and folders and
    documentation files (README, LICENSE, ...) skipped. Symlinked folders are not followed (no cycles).
    A folder that cannot be listed is an InputError in its place, and the walk goes on."""
    unreadable: list[OSError] = []  # os.walk reports them here, as it reaches them
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        yield from _folder_errors(unreadable)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _stem(name).lower() not in NOT_ARTICLES:
                yield Path(root) / name
    yield from _folder_errors(unreadable)


def _folder_errors(errors: list[OSError]) -> Iterator[InputError]:
    while errors:
        e = errors.pop(0)
        yield InputError(str(e.filename), f"cannot read the folder: {e.strerror or e}")


def _stem(name: str) -> str:
    return name.split(".", 1)[0]


def _read_file(path: Path, defaults: _Defaults) -> Iterator[Document | InputError]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl_file(path, defaults)
        elif suffix in JSON_SUFFIXES:
            yield from _read_json_file(path, defaults)
        elif suffix in PARQUET_SUFFIXES:
            yield from _read_parquet_file(path, defaults)
        else:
            text = _decode(_read_bytes(path, MAX_ARTICLE_BYTES))
            is_html = suffix in HTML_SUFFIXES or (suffix != ".txt" and _looks_like_html(text))
            yield _article(path.stem, text, is_html, defaults, str(path))
    except _Unreadable as e:
        yield _input_error(str(path), e)
    except OSError as e:
        yield InputError(str(path), f"cannot read: {e.strerror or e}")


def _read_bytes(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise _Unreadable(f"file is {size / MB:.1f} MB, over the {limit // MB} MB limit")
    if size == 0:
        raise _Unreadable("empty file")
    return path.read_bytes()


def _article(
    doc_id: str, text: str, is_html: bool, defaults: _Defaults, where: str, source: str | None = None
) -> Document:
    """One article from a whole file or stdin (not JSON); `where` names it in messages."""
    meta_date, url = None, None
    if is_html:
        text, meta_date, url, sitename = _html_article(text)
        source = source or sitename
    text = _normalise(text)
    if not text.strip():
        raise _Unreadable("empty file")
    return make_document(doc_id, text, defaults.published or meta_date, defaults.lang, source, url, where)


def _normalise(text: str) -> str:
    """Unix newlines, so offsets mean the same whatever the source platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- sanitising: the one gate every record passes --------------------------------------------

# A str can hold a lone surrogate (half of a UTF-16 pair): JSON's "\ud83d" escape without its
# partner decodes to one. It cannot be encoded as UTF-8, so it could be neither hashed, nor
# stored, nor printed. (A whole pair decodes to one code point, so any surrogate left is lone.)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# What `sanitise` replaces, and with what: each by one character, so every offset holds.
_REPLACEMENTS = (("NUL", re.compile("\x00"), " ", "a space"), ("lone surrogate", _LONE_SURROGATE, "\ufffd", "U+FFFD"))
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # any of them


def sanitise(text: str) -> str:
    """`text` with every character that cannot be encoded, hashed or stored replaced by one that
    can, offsets kept: a NUL (PostgreSQL text cannot hold one) by a space, a lone surrogate by
    U+FFFD. Every reader of articles (files, JSON, Parquet, stdin, the API, feeds to come) makes
    its Documents through `make_document`, which applies this to every text field."""
    return _sanitised("", text)[0]


def _sanitised(field: str, text: str) -> tuple[str, list[str]]:
    """(`text` sanitised, what was replaced in it: ['text: 1 lone surrogate replaced by U+FFFD'])."""
    if not _UNSTORABLE.search(text):  # one scan for the common, clean case
        return text, []
    repairs = []
    for name, pattern, replacement, shown in _REPLACEMENTS:
        text, n = pattern.subn(replacement, text)
        if n:
            repairs.append(f"{field}: {n} {name}{'s' if n > 1 else ''} replaced by {shown}")
    return text, repairs


def make_document(
    doc_id: str,
    text: str,
    published: dt.date | None,
    lang: str | None,
    source: str | None,
    url: str | None,
    where: str,
) -> Document:
    """A Document from input, every text field sanitised (`sanitise`); `published` missing is read
    from a dateline, `lang` missing is detected, both on the sanitised text. A record that needed
    sanitising is kept, and names itself (`where`: "file.jsonl:3") in its `repairs`, so the
    user is told."""
    fields = {"id": doc_id, "text": text, "source": source, "url": url}
    clean: dict[str, Any] = {}
    repairs: list[str] = []
    for name, value in fields.items():
        clean[name], found = _sanitised(name, value) if value else (value, [])
        repairs += found
    text = clean["text"]
    try:
        code = choose_pack(lang, text)
    except UnknownLanguage as e:
        raise _Unreadable(e.reason, e.code) from None
    return Document(
        clean["id"],
        text,
        published or dateline_date(text),
        code,
        clean["source"],
        clean["url"],
        (f"{printable(where)}: {'; '.join(repairs)}",) if repairs else (),
    )


# --- decoding -------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if not data.strip():
        raise _Unreadable("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Unreadable("not valid UTF-16 text") from None
    if b"\x00" in data:
        raise _Unreadable("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return _decode_lenient(data, e)


def _decode_lenient(data: bytes, error: UnicodeDecodeError) -> str:
    """Accept a few stray bytes, replaced; reject text that is mostly another encoding."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad > len(data) * MAX_BAD_BYTE_SHARE:
        raise _Unreadable(f"not valid UTF-8 text (byte {error.start})")
    return text


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "<head" in head)


# --- HTML -----------------------------------------------------------------------------------


def _html_article(html: str) -> tuple[str, dt.date | None, str | None, str | None]:
    """(body text, published date, url, site name) of an HTML page, via trafilatura."""
    import trafilatura  # slow to import; only HTML inputs need it

    # favor_precision: a page with no article (a section front, a cookie wall) should come out
    # empty rather than as a list of link texts. No extensive date search: it reads dates out
    # of the body text, which are event dates. Comments are readers' words, not the report.
    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # lxml and trafilatura raise many types on broken markup; bad input never raises
        raise _Unreadable(f"could not parse the HTML ({type(e).__name__})") from None
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if len(text.split()) < MIN_HTML_WORDS:
        raise _Unreadable("no article text found in the HTML")
    return (
        text,
        _iso_date(getattr(result, "date", None)),
        getattr(result, "url", None),
        getattr(result, "sitename", None),
    )


def _iso_date(value: object) -> dt.date | None:
    """A YYYY-MM-DD date (a datetime's date part is accepted); None for anything else."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", value):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- JSON Lines -----------------------------------------------------------------------------


def _read_jsonl_file(path: Path, defaults: _Defaults) -> Iterator[Document | InputError]:
    """Stream a JSONL file: only each line is size-limited, so big benchmark sets are fine."""
    if path.stat().st_size == 0:
        raise _Unreadable("empty file")
    with path.open("rb") as f:
        if b"\x00" in f.read(8192):
            raise _Unreadable("binary file (contains NUL bytes), not text")
        f.seek(0)
        yield from _json_lines(_limited_lines(f), str(path), path.stem, defaults)


def _limited_lines(f: BinaryIO) -> Iterator[bytes | None]:
    """Lines of a binary stream; None for a line over the article limit (its rest is skipped)."""
    while line := f.readline(MAX_ARTICLE_BYTES + 1):
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            while (rest := f.readline(MB)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _json_lines(
    lines: Iterable[bytes | None], source: str, stem: str, defaults: _Defaults
) -> Iterator[Document | InputError]:
    seen_any = False
    for lineno, raw in enumerate(lines, 1):
        if raw is not None and not raw.strip():
            continue
        seen_any = True
        where = f"{source}:{lineno}"
        try:
            if raw is None:
                raise _Unreadable(f"line {lineno}: over the {MAX_ARTICLE_BYTES // MB} MB limit")
            obj = _json_object(raw, lineno)
            yield _json_document(obj, f"{stem}-{lineno}", defaults, f"line {lineno}", where)
        except _Unreadable as e:
            yield _input_error(where, e)
    if not seen_any:
        yield InputError(source, "empty file")


def _json_object(raw: bytes, lineno: int) -> dict[str, Any]:
    try:
        line = _decode(raw)
    except _Unreadable as e:
        raise _Unreadable(f"line {lineno}: {e}") from None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise _Unreadable(f"line {lineno}: not valid JSON ({e.msg})") from None
    except RecursionError:
        raise _Unreadable(f"line {lineno}: not valid JSON (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise _Unreadable(f"line {lineno}: not a JSON object")
    return obj


def _json_document(obj: dict[str, Any], fallback_id: str, defaults: _Defaults, where: str, source: str) -> Document:
    """A benchmark-format record (FORMAT.md: id, text, published, language, source) -> Document.
    `where` names the record in reasons ("line 3", "row 3"), `source` in lines of its own
    ("file.jsonl:3")."""
    text = obj.get("text")
    if not isinstance(text, str):
        raise _Unreadable(f'{where}: no "text" string field')
    _check_size(text, where)
    text = _normalise(text)
    if not text.strip():
        raise _Unreadable(f'{where}: empty "text"')
    published = _json_published(obj.get("published"), where) or defaults.published
    language = obj.get("language") or defaults.lang
    doc_id = str(obj["id"]) if obj.get("id") not in (None, "") else fallback_id
    try:
        return make_document(
            doc_id,
            text,
            published,
            str(language) if language else None,
            _opt_str(obj.get("source")),
            _opt_str(obj.get("url")),
            source,
        )
    except _Unreadable as e:
        raise e.within(where) from None


def _check_size(text: str, where: str) -> None:
    """The article limit, for a record whose text came in a bigger whole (a .json file, a
    Parquet table, an API upload): each record is limited as a file of its own would be."""
    # Only a text over a quarter of the limit in characters can be over it in UTF-8 bytes.
    if len(text) > MAX_ARTICLE_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES:
        raise _Unreadable(f"{where}: over the {MAX_ARTICLE_BYTES // MB} MB limit")


def _json_published(value: object, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    date = _iso_date(value)
    if date is None:
        raise _Unreadable(f'{where}: "published" is not a YYYY-MM-DD date: {value!r}')
    return date


def _opt_str(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def _read_json_file(path: Path, defaults: _Defaults) -> Iterator[Document | InputError]:
    """A .json file: one object or an array of objects if the whole file parses, else JSON Lines."""
    data = _read_bytes(path, MAX_STREAM_BYTES)
    try:
        whole = json.loads(_decode(data))
    except (json.JSONDecodeError, RecursionError):
        yield from _json_lines(_split_lines(data), str(path), path.stem, defaults)
        return
    items = whole if isinstance(whole, list) else [whole]
    for n, obj in enumerate(items, 1):
        try:
            if not isinstance(obj, dict):
                raise _Unreadable(f"item {n}: not a JSON object")
            yield _json_document(obj, f"{path.stem}-{n}", defaults, f"line {n}", f"{path}:{n}")
        except _Unreadable as e:
            yield _input_error(f"{path}:{n}", e)


def _split_lines(data: bytes) -> Iterator[bytes | None]:
    for line in io.BytesIO(data):
        yield line if len(line) <= MAX_ARTICLE_BYTES else None


# --- Parquet ----------------------------------------------------------------------------------


def _read_parquet_file(path: Path, defaults: _Defaults) -> Iterator[Document | InputError]:
    """A documents table (PARQUET_COLUMNS), streamed a batch of rows at a time."""
    with needs_extra("parquet", "Reading Parquet files"):
        import pyarrow as pa
        import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
        names = table.schema_arrow.names
        if "text" not in names:
            raise _Unreadable('no "text" column in the Parquet table')
        columns = [c for c in PARQUET_COLUMNS if c in names]
        row = 0
        for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield _parquet_document(record, path, row, defaults)
    except (pa.ArrowException, ValueError) as e:  # not Parquet, or a damaged row group
        raise _Unreadable(f"not a readable Parquet file ({first_line(e)})") from None


def _parquet_document(record: dict[str, Any], path: Path, row: int, defaults: _Defaults) -> Document | InputError:
    where = f"row {row}"
    try:
        published = record.get("published")
        if isinstance(published, dt.date):  # a date or timestamp column
            record = {**record, "published": published.isoformat()}
        return _json_document(record, f"{path.stem}-{row}", defaults, where, f"{path}:{row}")
    except _Unreadable as e:
        return _input_error(f"{path}:{row}", e)


def first_line(e: BaseException) -> str:
    return (str(e).strip().splitlines() or [type(e).__name__])[0]


# --- stdin ----------------------------------------------------------------------------------


def _read_stdin(stream: BinaryIO, defaults: _Defaults) -> Iterator[Document | InputError]:
    """JSON Lines if every non-empty line is a JSON object, else one plain-text (or HTML) article."""
    data = stream.read(MAX_STREAM_BYTES + 1)
    try:
        if len(data) > MAX_STREAM_BYTES:
            raise _Unreadable(f"over the {MAX_STREAM_BYTES // MB} MB limit")
        if not data.strip():
            raise _Unreadable("no input")
        text = _decode(data)
        if _is_jsonl(text):
            yield from _json_lines(_split_lines(data), "stdin", "stdin", defaults)
            return
        if len(data) > MAX_ARTICLE_BYTES:
            raise _Unreadable(f"{len(data) / MB:.1f} MB of text, over the {MAX_ARTICLE_BYTES // MB} MB limit")
        yield _article("stdin", text, _looks_like_html(text), defaults, "stdin")
    except _Unreadable as e:
        yield _input_error("stdin", e)


def _is_jsonl(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_is_json_object(line) for line in lines)


def _is_json_object(line: str) -> bool:
    if not line.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


# --- single records, for callers that find articles themselves (sitrep watch) -------------------


def text_document(
    doc_id: str,
    text: str,
    where: str,
    published: dt.date | None = None,
    lang: str | None = None,
    source: str | None = None,
    url: str | None = None,
) -> Document | InputError:
    """An article from plain text found elsewhere (a feed item's body), or why it cannot be one."""
    try:
        text = _normalise(text)
        if not text.strip():
            raise _Unreadable("no text")
        _check_size(text, "text")
        return make_document(doc_id, text, published, lang, source, url, where)
    except _Unreadable as e:
        return _input_error(where, e)


def html_document(
    doc_id: str,
    data: bytes,
    where: str,
    published: dt.date | None = None,
    lang: str | None = None,
    source: str | None = None,
    url: str | None = None,
    charset: str | None = None,
) -> Document | InputError:
    """An article from the bytes of an HTML page (its body text read with trafilatura), or why it
    cannot be one. `published` wins over the page's own date; `url` over the page's canonical URL.
    charset: the encoding the server declared (UTF-8 is read leniently, as files are)."""
    try:
        if len(data) > MAX_ARTICLE_BYTES:
            raise _Unreadable(f"page is {len(data) / MB:.1f} MB, over the {MAX_ARTICLE_BYTES // MB} MB limit")
        if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
            try:
                html = data.decode(charset, errors="replace")
            except LookupError:
                html = _decode(data)
        else:
            html = _decode(data)
        doc = _article(doc_id, html, True, _Defaults(published, lang), where, source)
        return dataclasses.replace(doc, url=url) if url else doc
    except _Unreadable as e:
        return _input_error(where, e)


def json_line(
    raw: bytes, lineno: int, source: str, published: dt.date | None = None, lang: str | None = None
) -> Document | InputError:
    """Line `lineno` of the JSON Lines file `source` (its id, when it has none: STEM-LINENO, as a
    whole file's reading gives it), or why it cannot be an article."""
    where = f"{source}:{lineno}"
    try:
        if len(raw) > MAX_ARTICLE_BYTES:
            raise _Unreadable(f"line {lineno}: over the {MAX_ARTICLE_BYTES // MB} MB limit")
        obj = _json_object(raw, lineno)
        return _json_document(obj, f"{Path(source).stem}-{lineno}", _Defaults(published, lang), f"line {lineno}", where)
    except _Unreadable as e:
        return _input_error(where, e)
