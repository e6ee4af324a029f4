"""The sources `sitrep watch` follows, and what is new in each since its saved state.

Three kinds: an RSS/Atom feed (an http(s) URL, parsed with feedparser), a folder (its new and
changed files) and a JSON Lines file that grows (its new complete lines). `poll(source, state)`
returns a Poll: the new entries, each a way to read its document(s) and the state once it is
stored, and the state once all of them are. Reading a feed item whose feed gives only a summary
fetches its page and reads the body with trafilatura. Polling does no extraction and writes
nothing: sitrep/run/watch.py ingests the entries and saves each state after its entry is stored,
so a restart resumes where the store is.

A source that cannot be polled raises SourceError with a one-line reason (the feed's server
answered 500, sent HTML, timed out ...): the cycle logs it and tries again next time.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import time
from html import unescape
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sitrep.errors import InputError, needs_extra, printable
from sitrep.read import JSONL_SUFFIXES, MAX_ARTICLE_BYTES, folder_files, html_document, json_line, read_inputs
from sitrep.read import text_document
from sitrep.records import Document
from sitrep.run.fetch import MAX_FEED_BYTES, SCHEMES, FetchError, fetch
from sitrep.store.watch import SourceState

FEED, FOLDER, JSONL = "feed", "folder", "jsonl"
# A feed item whose own text (content, else summary) has fewer words than this is a summary:
# its page is fetched for the article.
FULL_TEXT_WORDS = 120
SETTLE_S = 2.0
# Item keys a feed's state remembers (newest kept): more than any feed lists at once.
SEEN_KEYS = 2000
# New lines read from a JSON Lines file in one cycle; the rest wait for the next.
MAX_LINES = 10_000
BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section"}

Item = Document | InputError


class SourceError(Exception):
    """A source that cannot be polled this cycle, with a one-line reason."""


@dataclass(frozen=True)
class Source:
    name: str  # the URL or path as given
    kind: str


@dataclass(frozen=True)
class Entry:
    """Something new in a source: `read` gives its documents (or why they cannot be read), and
    `advance` the source's state once they are stored."""

    name: str
    read: Callable[[], list[Item]]
    advance: Callable[[SourceState], SourceState]


@dataclass(frozen=True)
class Poll:
    entries: tuple[Entry, ...]
    # The state once every entry is stored (a feed's new validators: set only then, so that a
    # cycle stopped half-way asks for the whole feed again next time).
    complete: Callable[[SourceState], SourceState]


@dataclass(frozen=True)
class Options:
    lang: str | None = None
    timeout: float = 20.0
    deadline: float = 60.0
    max_feed_bytes: int = MAX_FEED_BYTES
    full_text_words: int = FULL_TEXT_WORDS  # fewer words in an item's own text: its page is read
    # A file in a folder changed less than this many seconds ago may still be being written: it
    # waits for the next cycle (read half-written, it would be stored as another article).
    settle: float = SETTLE_S


def source_kind(name: str) -> Source:
    """The kind of a SOURCE given on the command line; a SourceError when it is none."""
    if name.startswith(SCHEMES):
        return Source(name, FEED)
    if "://" in name:
        raise SourceError(f"{printable(name)}: only http(s) feed URLs are followed")
    path = Path(name)
    if path.is_dir():
        return Source(name, FOLDER)
    if path.suffix.lower() in JSONL_SUFFIXES and (path.is_file() or path.parent.is_dir()):
        return Source(name, JSONL)  # one that does not exist yet is waited for
    raise SourceError(f"{printable(name)}: not a feed URL, a folder or a JSON Lines file (.jsonl)")


def quiet(line: str) -> None:
    pass


def poll(source: Source, state: SourceState, options: Options, note: Callable[[str], None] = quiet) -> Poll:
    """What is new in `source` since `state`; `note` is told, in one line each, what went wrong
    with a part that was read another way (an article page not fetched: the feed's summary read)."""
    if source.kind == FEED:
        return poll_feed(source.name, state, options, note)
    if source.kind == FOLDER:
        return poll_folder(Path(source.name), state, options)
    return poll_jsonl(Path(source.name), state, options)


# --- feeds ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    key: str
    link: str | None
    title: str
    text: str  # the item's own text: its content, else its summary, as plain text
    published: dt.date | None


def poll_feed(url: str, state: SourceState, options: Options, note: Callable[[str], None] = quiet) -> Poll:
    try:
        got = fetch(
            url,
            etag=state.etag,
            last_modified=state.last_modified,
            timeout=options.timeout,
            deadline=options.deadline,
            max_bytes=options.max_feed_bytes,
            accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
        )
    except FetchError as e:
        raise SourceError(str(e)) from None
    if got.body is None:  # 304: nothing new
        return Poll((), lambda s: s)
    items = parse_feed(got.body, got.url, got.content_type)
    seen = list(state.position.get("seen", []))
    known = set(seen)
    new = [item for item in items if item.key not in known]
    entries = tuple(
        Entry(item.link or item.key, _item_reader(item, url, options, note), _seen(item.key)) for item in reversed(new)
    )  # oldest first, as feeds list the newest first

    def complete(s: SourceState) -> SourceState:
        return replace(s, etag=got.etag, last_modified=got.last_modified)

    return Poll(entries, complete)


def _seen(key: str) -> Callable[[SourceState], SourceState]:
    def advance(s: SourceState) -> SourceState:
        seen = [k for k in s.position.get("seen", []) if k != key] + [key]
        return replace(s, position={**s.position, "seen": seen[-SEEN_KEYS:]}, documents=s.documents + 1)

    return advance


def parse_feed(body: bytes, url: str, content_type: str | None) -> list[FeedItem]:
    """The items of an RSS or Atom document; a SourceError when it is not one (an HTML page,
    garbage)."""
    with needs_extra("watch", "Following RSS/Atom feeds"):
        import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url, "content-type": content_type or ""})
    if not parsed.get("version"):
        head = body[:512].lstrip().lower()
        what = "an HTML page" if head.startswith((b"<!doctype html", b"<html")) else "not an RSS or Atom feed"
        why = f" ({printable(str(parsed.get('bozo_exception')).splitlines()[0])})" if parsed.get("bozo") else ""
        raise SourceError(f"{what}, not a feed{why}" if what.startswith("an") else f"{what}{why}")
    return [_feed_item(e) for e in parsed.entries]


def _feed_item(entry: Any) -> FeedItem:
    link = entry.get("link") or None
    title = _plain(entry.get("title", ""))
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    text = _plain(contents[0]) if contents else _plain(entry.get("summary", ""))
    key = entry.get("id") or link or hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date() if stamp else None
    return FeedItem(str(key), link, title, text, published)


def _plain(html: str) -> str:
    """The text of an HTML fragment (a feed's summary or content), paragraphs on lines of their own."""
    if "<" not in html:
        return unescape(html).strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types on broken markup
        return ""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _item_reader(item: FeedItem, feed: str, options: Options, note: Callable[[str], None]) -> Callable[[], list[Item]]:
    def read() -> list[Item]:
        return [item_document(item, feed, options, note)]

    return read


def item_document(item: FeedItem, feed: str, options: Options, note: Callable[[str], None] = quiet) -> Item:
    """A feed item's article: its own text when it is whole, else its page's body (the title
    first either way); the summary when the page cannot be had."""
    doc_id = item.link or item.key
    where = f"{feed}: {doc_id}"
    if len(item.text.split()) < options.full_text_words and item.link and item.link.startswith(SCHEMES):
        page = _page_document(item, item.link, where, options)
        if isinstance(page, Document) or not item.text.strip():
            return page
        note(f"{page}; the feed's summary was read instead")
    return text_document(
        doc_id, _with_title(item.title, item.text), where, item.published, options.lang, None, item.link
    )


def _page_document(item: FeedItem, link: str, where: str, options: Options) -> Item:
    try:
        page = fetch(link, timeout=options.timeout, deadline=options.deadline, max_bytes=MAX_ARTICLE_BYTES)
    except FetchError as e:
        return InputError(where, f"article page not fetched: {e}")
    if page.body is None:
        return InputError(where, "article page not fetched: empty answer")
    doc = html_document(link, page.body, where, item.published, options.lang, None, link, page.charset)
    return _titled(doc, item.title) if isinstance(doc, Document) else doc


def _with_title(title: str, text: str) -> str:
    return text if not title or text.startswith(title) else f"{title}\n\n{text}"


def _titled(doc: Document, title: str) -> Document:
    return doc if not title or doc.text.startswith(title) else replace(doc, text=f"{title}\n\n{doc.text}")


# --- folders ----------------------------------------------------------------------------------


def poll_folder(folder: Path, state: SourceState, options: Options) -> Poll:
    """The files that are new or changed (size or modification time) since the state, and
    settled (options.settle)."""
    if not folder.is_dir():
        raise SourceError("no such folder")
    stamps: dict[str, list[int]] = dict(state.position.get("files", {}))
    entries, present = [], set()
    for found in folder_files(folder):
        if isinstance(found, InputError):
            raise SourceError(found.reason)
        name = str(found.relative_to(folder))
        present.add(name)
        try:
            info = found.stat()
        except OSError:
            continue  # gone since it was listed
        stamp = [info.st_mtime_ns, info.st_size]
        if info.st_mtime_ns > time.time_ns() - options.settle * 1e9:
            continue  # perhaps still being written: not stamped, so looked at again next cycle
        if stamps.get(name) != stamp:
            entries.append(Entry(str(found), _file_reader(found, options), _stamped(name, stamp)))
    gone = set(stamps) - present

    def complete(s: SourceState) -> SourceState:
        files = {k: v for k, v in s.position.get("files", {}).items() if k not in gone}
        return replace(s, position={**s.position, "files": files})

    return Poll(tuple(entries), complete)


def _file_reader(path: Path, options: Options) -> Callable[[], list[Item]]:
    def read() -> list[Item]:
        return list(read_inputs([str(path)], lang=options.lang))

    return read


def _stamped(name: str, stamp: list[int]) -> Callable[[SourceState], SourceState]:
    def advance(s: SourceState) -> SourceState:
        files = {**s.position.get("files", {}), name: stamp}
        return replace(s, position={**s.position, "files": files}, documents=s.documents + 1)

    return advance


# --- JSON Lines files that grow ---------------------------------------------------------------


def poll_jsonl(path: Path, state: SourceState, options: Options) -> Poll:
    """The complete lines written since the saved offset (a line still being written waits for
    its newline). A file shorter than the offset, or another file under the name, was replaced:
    it is read from its start."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return Poll((), lambda s: s)  # not written yet
    except OSError as e:
        raise SourceError(f"cannot read: {e.strerror or e}") from None
    offset, line = int(state.position.get("offset", 0)), int(state.position.get("line", 0))
    if info.st_size < offset or state.position.get("inode", info.st_ino) != info.st_ino:
        offset, line = 0, 0
    entries = []
    try:
        with path.open("rb") as f:
            f.seek(offset)
            for raw, end in _complete_lines(f):
                line += 1
                if raw.strip():
                    reader = _line_reader(raw, line, str(path), options)
                    entries.append(Entry(f"{path}:{line}", reader, _at(end, line, info.st_ino)))
                if len(entries) >= MAX_LINES:
                    break
    except OSError as e:
        raise SourceError(f"cannot read: {e.strerror or e}") from None
    return Poll(tuple(entries), lambda s: s)


def _complete_lines(f: Any) -> Iterator[tuple[bytes, int]]:
    """(line, offset after it) of each complete line from here; an over-long line is given
    cut (reading it says it is over the limit)."""
    while raw := f.readline(MAX_ARTICLE_BYTES + 1):
        if not raw.endswith(b"\n"):
            if len(raw) <= MAX_ARTICLE_BYTES:
                break  # still being written
            while (rest := f.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                pass
            if not rest:
                break  # its end is not written yet
        yield raw, f.tell()


def _line_reader(raw: bytes, lineno: int, source: str, options: Options) -> Callable[[], list[Item]]:
    def read() -> list[Item]:
        return [json_line(raw, lineno, source, lang=options.lang)]

    return read


def _at(offset: int, line: int, inode: int) -> Callable[[SourceState], SourceState]:
    def advance(s: SourceState) -> SourceState:
        position = {**s.position, "offset": offset, "line": line, "inode": inode}
        return replace(s, position=position, documents=s.documents + 1)

    return advance
