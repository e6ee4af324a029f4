"""The dashboard: a static page (static/index.html, app.js, style.css) over the JSON API.

Everything the page loads is served from here: the scripts, the styles and the base map
(country boundaries) are vendored under static/vendor/, so the dashboard works without internet.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"

# The page's own policy (its meta tag) is the one source; the header repeats it and adds what a
# meta tag cannot say (frame-ancestors is ignored there).
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"')


def content_security_policy(page: str) -> str:
    """The policy the page's meta tag declares, plus frame-ancestors for the header."""
    found = _META_CSP.search(page)
    if found is None:
        raise ValueError("index.html has no Content-Security-Policy meta tag")
    return f"{found.group(1)}; frame-ancestors 'none'"


def mount(app: FastAPI) -> None:
    """Serve the dashboard at / and its files at /static."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    headers = {
        "Content-Security-Policy": content_security_policy(page),
        "X-Content-Type-Options": "nosniff",
        # Article links open outlets' sites: tell them nothing about where the reader came from.
        "Referrer-Policy": "no-referrer",
    }

    def index() -> HTMLResponse:
        return HTMLResponse(page, headers=headers)

    app.add_api_route("/", index, methods=["GET", "HEAD"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
