"""The dashboard: a static page (static/index.html, app.js, style.css) over the JSON API.

Everything the page loads is served from here: the scripts, the styles and the base map
(country boundaries) are vendored under static/vendor/, so the dashboard works without internet.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse
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


def mount(app: FastAPI) -> str:
    """Serve the dashboard at / and its files at /static; return the page's Content-Security-Policy,
    which the app sends on every response with the other security headers (sitrep/api/guard.py)."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")

    def index() -> HTMLResponse:
        return HTMLResponse(page)

    def index_file() -> RedirectResponse:
        # The page names its files relative to /: served from /static/ it would find none.
        return RedirectResponse("../", status_code=308)

    app.add_api_route("/", index, methods=["GET", "HEAD"], include_in_schema=False)
    app.add_api_route("/static/index.html", index_file, methods=["GET", "HEAD"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return content_security_policy(page)
