"""Real servers on 127.0.0.1 for the watch tests: `Site`, an HTTP server whose answers a test
sets and changes (feeds, article pages, errors, redirects, slow answers), which records every
request and receives webhook POSTs; `SmtpSink`, an SMTP server (aiosmtpd) that keeps what it is
sent. And the articles they serve, written for these tests."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import html
import json
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

# name -> (published, text): one attack in a quiet week, then six across Afghanistan in one week.
ARTICLES = {
    "kandahar": (
        "2026-09-07",
        "KANDAHAR - Gunmen killed four police officers at a checkpoint in Kandahar on Sunday, officials said. "
        "Nobody claimed the attack. The road to the airport was closed for several hours while soldiers "
        "searched the nearby houses, and shops in the area stayed shut until the evening.",
    ),
    "herat": (
        "2026-10-19",
        "HERAT - A roadside bomb killed three civilians in Herat on Monday, the provincial governor said. "
        "The victims were travelling to a wedding in a minibus. Residents said the road had been quiet "
        "for months, and the governor promised an inquiry into how the device was planted.",
    ),
    "kunduz": (
        "2026-10-20",
        "KUNDUZ - Militants attacked an army post in Kunduz on Tuesday, killing five soldiers, the defence "
        "ministry said. Reinforcements arrived after the fighting had ended. The ministry said the post "
        "guarded a bridge on the main road north, which was reopened to traffic later in the day.",
    ),
    "jalalabad": (
        "2026-10-21",
        "JALALABAD - A suicide bomber killed six people at a market in Jalalabad on Wednesday, police said. "
        "Traders said the market had just opened for the day. The city's hospitals asked residents to "
        "donate blood, and the market stayed closed for the rest of the week.",
    ),
    "ghazni": (
        "2026-10-22",
        "GHAZNI - Gunmen shot dead two teachers in Ghazni on Thursday, a local official said. The teachers "
        "were walking home from their school. Parents kept their children at home the next morning, and "
        "the provincial education office said classes would resume after the weekend.",
    ),
    "mazar": (
        "2026-10-23",
        "MAZAR-I-SHARIF - A bomb exploded near a mosque in Mazar-i-Sharif on Friday, killing seven "
        "worshippers, officials said. The blast shattered windows along the street. Officials said "
        "security at places of worship across the province would be tightened before the next prayers.",
    ),
    "khost": (
        "2026-10-24",
        "KHOST - Gunmen killed three guards at a bank in Khost on Saturday, police said. The attackers "
        "fled on motorbikes. The bank said its branches in the province would open as usual on Sunday, "
        "with more guards at their doors.",
    ),
}


def title(name: str) -> str:
    return f"News from {name.capitalize()}"


def summary(name: str) -> str:
    """The article's first sentence, as a feed's description gives it."""
    text = ARTICLES[name][1]
    return text[: text.index(". ") + 1]


def feed_xml(base: str, names: list[str], whole: bool = False) -> bytes:
    """An RSS 2.0 feed listing these articles, newest first: each with its summary, and with
    its whole text (content:encoded) when `whole`."""
    items = []
    for name in reversed(names):
        published, text = ARTICLES[name]
        day = dt.datetime.fromisoformat(published).replace(hour=9, tzinfo=dt.UTC)
        content = f"<content:encoded><![CDATA[<p>{html.escape(text)}</p>]]></content:encoded>" if whole else ""
        items.append(
            f"<item><title>{title(name)}</title><link>{base}/articles/{name}.html</link>"
            f"<guid>{base}/articles/{name}.html</guid><pubDate>{email.utils.format_datetime(day)}</pubDate>"
            f"<description>{html.escape(summary(name))}</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Test wire</title><link>{base}/</link><description>Test news</description>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def article_page(name: str) -> bytes:
    """The article's page: navigation, the article in paragraphs, a footer."""
    published, text = ARTICLES[name]
    paragraphs = "".join(f"<p>{html.escape(s.strip())}.</p>" for s in text.rstrip(".").split(". "))
    return (
        "<!DOCTYPE html><html><head>"
        f'<title>{title(name)}</title><meta property="article:published_time" content="{published}">'
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title(name)}</h1>{paragraphs}</article>"
        "<footer>Test News, all rights reserved</footer></body></html>"
    ).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Route:
    status: int
    body: bytes
    content_type: str
    delay: float = 0.0  # before the answer
    location: str | None = None
    trickle: float = 0.0  # between pieces of the body, sent a kilobyte at a time
    length: bool = True  # send Content-Length (else the body ends when the connection closes)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    status: int
    body: bytes


class Site:
    """An HTTP server on 127.0.0.1 answering as told: `serve` a body (with an ETag: a matching
    If-None-Match gets 304), `redirect`; a POST to a path not set is received (a webhook)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._answer(self, b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                site._answer(self, self.rfile.read(length))

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.server.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def serve(
        self,
        path: str,
        body: bytes,
        content_type: str,
        status: int = 200,
        delay: float = 0.0,
        trickle: float = 0.0,
        length: bool = True,
    ) -> None:
        with self.lock:
            self.routes[path] = Route(status, body, content_type, delay, None, trickle, length)

    def redirect(self, path: str, to: str) -> None:
        with self.lock:
            self.routes[path] = Route(302, b"", "text/plain", location=to)

    def forget(self, path: str) -> None:
        with self.lock:
            self.routes.pop(path, None)

    def _answer(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        path = handler.path
        with self.lock:
            route = self.routes.get(path)
        if route is None:
            status, content, ctype, headers = (200, b"ok", "text/plain", {}) if body else (404, b"", "text/plain", {})
        else:
            time.sleep(route.delay)
            status, content, ctype = route.status, route.body, route.content_type
            etag = f'"{hashlib.sha1(content).hexdigest()[:16]}"'
            headers = {"ETag": etag} if status == 200 else {}
            if route.location:
                headers = {"Location": route.location}
            if status == 200 and handler.headers.get("If-None-Match") == etag:
                status, content = 304, b""
        with self.lock:
            self.log.append(Request(handler.command, path, dict(handler.headers.items()), status, body))
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        for key, value in headers.items():
            handler.send_header(key, value)
        if status != 304 and (route is None or route.length):
            handler.send_header("Content-Length", str(len(content)))
        handler.end_headers()
        if status != 304:
            try:
                self._send(handler, content, route.trickle if route else 0.0)
            except OSError:
                pass  # the client gave up (a slow answer)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, content: bytes, trickle: float) -> None:
        if not trickle:
            handler.wfile.write(content)
            return
        for start in range(0, len(content), 1024):
            handler.wfile.write(content[start : start + 1024])
            handler.wfile.flush()
            time.sleep(trickle)

    def requests(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [r.headers for r in self.log if r.path == path]

    def statuses(self, path: str) -> list[int]:
        with self.lock:
            return [r.status for r in self.log if r.path == path]

    def hits(self, path: str) -> int:
        return len(self.statuses(path))

    def posted(self, path: str) -> list[Any]:
        """The JSON bodies received by POST at `path` (and answered 200)."""
        with self.lock:
            return [json.loads(r.body) for r in self.log if r.method == "POST" and r.path == path and r.status == 200]

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


class SmtpSink:
    """An SMTP server on 127.0.0.1 (aiosmtpd) keeping every envelope it is sent in `messages`."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[Any] = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.controller.stop()
