"""What every response carries and which hosts the server answers for (ASGI middleware).

Security headers: the Content-Security-Policy, nosniff and no-referrer go on every response, the
dashboard's files and the API's JSON alike, so no path (/static/index.html once served the page
without them) opens a door the page's policy closes.

Hosts: a page on any web site can point a name it controls at 127.0.0.1 (DNS rebinding) and then
read a local server as its own origin. The browser still sends that name in the Host header, so
the server answers only the names it is served under: 127.0.0.1, localhost and ::1, the address
`sitrep serve --host` listens on, and the names given with `--allow-host` or in
$SITREP_ALLOWED_HOSTS (comma-separated; "*" turns the check off). Any other Host is a 400 that
says how to allow it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
HOSTS_ENV = "SITREP_ALLOWED_HOSTS"
ANY_HOST = "*"
# The API's own policy when the dashboard is not installed: JSON loads nothing and is framed nowhere.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
# Addresses that listen on every interface: no client sends them as a Host.
WILDCARDS = ("0.0.0.0", "::")


def security_headers(policy: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        # Article links open outlets' sites: tell them nothing about where the reader came from.
        "Referrer-Policy": "no-referrer",
    }


def host_name(value: str) -> str:
    """The name of a Host header value, without its port: "[::1]:8000" -> "::1"."""
    value = value.strip().lower()
    if value.startswith("["):  # an IPv6 literal
        return value[1 : value.find("]")] if "]" in value else value
    if value.count(":") > 1:  # a bare IPv6 address (as given to --host), no port
        return value
    name, _, port = value.rpartition(":")
    return (name if name and port.isdigit() else value).rstrip(".")


def served_hosts(extra: Iterable[str] = ()) -> frozenset[str]:
    """The names answered: the local ones, `extra` and $SITREP_ALLOWED_HOSTS."""
    names = {host_name(h) for h in [*extra, *os.environ.get(HOSTS_ENV, "").split(",")]}
    return frozenset({*LOCAL_HOSTS, *(names - {*WILDCARDS, ""})})


class SecurityHeaders:
    """Sets the given headers on every HTTP response."""

    def __init__(self, app: ASGIApp, headers: Mapping[str, str]) -> None:
        self.app = app
        self.headers = dict(headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostGuard:
    """Answers 400 to a request whose Host header names no host served (see the module docstring)."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and ANY_HOST not in self.hosts:
            given = Headers(scope=scope).get("host", "")
            if host_name(given) not in self.hosts:
                await self._refuse(given, scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _refuse(self, given: str, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":  # the API has none; refuse without a word
            await send({"type": "websocket.close", "code": 1008})
            return
        served = ", ".join(sorted(self.hosts))
        detail = (
            f"host: {given!r} is not a name this server answers to ({served}); allow it with "
            f"`sitrep serve --allow-host NAME` or ${HOSTS_ENV}"
            if given
            else "host: the Host header is missing"
        )
        await JSONResponse({"detail": detail}, 400)(scope, receive, send)
