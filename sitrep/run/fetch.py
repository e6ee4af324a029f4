"""HTTP GET for `sitrep watch`: the feeds the user names and the article pages they link to,
nothing else. Conditional (ETag, Last-Modified), bounded (a timeout per read, a deadline for the
whole body, a cap on its size, a limit on redirects), and every failure is a FetchError with a
one-line reason, never another exception.

    got = fetch(url, etag=state.etag, last_modified=state.last_modified)
    if got.body is None: ...  # 304 Not Modified
"""

from __future__ import annotations

import base64
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

from sitrep.errors import printable

MB = 1024 * 1024
USER_AGENT = "sitrep-watch/0.1 (+offline event extraction)"
TIMEOUT_S = 20.0  # to connect, and for each read
DEADLINE_S = 60.0  # for the whole response: a server that trickles bytes is cut off
MAX_FEED_BYTES = 10 * MB
CHUNK = 64 * 1024
SCHEMES = ("http://", "https://")


class FetchError(Exception):
    """Why a URL could not be fetched, in one line ("HTTP 500 Internal Server Error")."""


@dataclass(frozen=True)
class Fetched:
    """A response: `body` None for 304 Not Modified."""

    url: str  # after redirects
    body: bytes | None
    etag: str | None
    last_modified: str | None
    content_type: str | None
    charset: str | None


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5
    max_repeats = 2


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT_S,
    deadline: float = DEADLINE_S,
    max_bytes: int = MAX_FEED_BYTES,
    accept: str = "*/*",
) -> Fetched:
    """GET `url`, conditionally when a validator is given; a FetchError for anything but a
    2xx (or 304) response read whole within the limits."""
    if not url.startswith(SCHEMES):
        raise FetchError("not an http(s) URL")
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "identity"}
    try:
        url, credentials = _credentials(url)
    except ValueError as e:  # a port out of range
        raise FetchError(_reason(e)) from None
    if credentials:
        headers["Authorization"] = f"Basic {credentials}"
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    opener = urllib.request.build_opener(_Redirects())
    started = time.monotonic()
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=timeout) as response:
            body = _read(response, max_bytes, started + deadline)
            info = response.headers
            final = response.geturl()
    except urllib.error.HTTPError as e:
        if e.code == 304:
            return Fetched(url, None, etag, last_modified, None, None)
        if e.code in (301, 302, 303, 307, 308):
            raise FetchError(f"too many redirects (HTTP {e.code}, a redirect loop?)") from None
        raise FetchError(f"HTTP {e.code} {printable(str(e.reason))}".strip()) from None
    except urllib.error.URLError as e:
        raise FetchError(_reason(e.reason)) from None
    except TimeoutError:
        raise FetchError(f"timed out (no answer within {timeout:g} s)") from None
    except (OSError, http.client.HTTPException, ValueError) as e:
        raise FetchError(_reason(e)) from None
    return Fetched(final, body, info.get("ETag"), info.get("Last-Modified"), info.get_content_type(), _charset(info))


def _read(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"body of {_size(int(length))} is over the {_size(max_bytes)} limit")
    parts, size = [], 0
    while chunk := response.read1(CHUNK):  # what has arrived: read() would wait for a whole chunk
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"body is over the {_size(max_bytes)} limit")
        if time.monotonic() > deadline:
            raise FetchError("too slow: the body did not arrive within the deadline")
        parts.append(chunk)
    return b"".join(parts)


def _credentials(url: str) -> tuple[str, str | None]:
    """A URL's user:password@ taken out, as HTTP Basic credentials (urllib would read it as a host)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None
    user = urllib.parse.unquote(parts.username)
    password = urllib.parse.unquote(parts.password or "")
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), token


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def _charset(info: Message) -> str | None:
    value = info.get_content_charset()
    return str(value) if value else None


def _reason(e: object) -> str:
    if isinstance(e, TimeoutError):
        return "timed out"
    text = str(e).strip() or type(e).__name__
    return printable(text.splitlines()[0])
