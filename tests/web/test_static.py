"""The dashboard's files and how they are served, without a browser: the page and its policy, every
file it names served by sitrep, nothing fetched from elsewhere, no HTML built from strings."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.web import STATIC, content_security_policy

OWN_FILES = sorted(p for p in STATIC.rglob("*") if p.is_file() and "vendor" not in p.parts)
SCRIPTS = [p for p in OWN_FILES if p.suffix == ".js"]
# Ways to turn a string into markup or code; the dashboard builds its DOM from text nodes only.
UNSAFE_JS = re.compile(
    r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|"
    r"setAttribute\(\s*['\"](?:style|on)"
)


class PageParts(HTMLParser):
    """The tags and attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """The app as served (its files need no store: this one does not exist)."""
    app = create_app(str(tmp_path_factory.mktemp("static") / "none.db"), token="", hosts=["testserver"])
    return TestClient(app)


@pytest.fixture(scope="module")
def page_tags() -> list[tuple[str, dict[str, str | None]]]:
    parser = PageParts()
    parser.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    return parser.tags


def test_index_is_served_with_its_policy(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert policy == content_security_policy(response.text)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"


def test_no_inline_script_style_or_handlers(page_tags: list[tuple[str, dict[str, str | None]]]) -> None:
    for tag, attrs in page_tags:
        assert not any(name.startswith("on") or name == "style" for name in attrs), (tag, attrs)
        if tag == "script":
            assert attrs.get("src"), "every script is a file of its own"


def test_every_file_the_page_names_is_served(
    client: TestClient, page_tags: list[tuple[str, dict[str, str | None]]]
) -> None:
    references = [attrs.get("src") or attrs.get("href") for tag, attrs in page_tags if tag in ("script", "link")]
    assert len(references) >= 5
    for ref in references:
        assert ref and ref.startswith("static/"), f"{ref}: the page loads only sitrep's own files"
        assert client.get(f"/{ref}").status_code == 200, ref
    # Modules import each other by relative path: each import names a file that is there.
    for script in SCRIPTS:
        for name in re.findall(r"from '\./([\w.-]+)'", script.read_text(encoding="utf-8")):
            assert (script.parent / name).is_file(), f"{script.name} imports {name}"


def test_base_map_and_styles_are_served(client: TestClient) -> None:
    boundaries = client.get("/static/vendor/world-atlas/countries-50m.json")
    assert boundaries.status_code == 200
    assert boundaries.json()["objects"]["countries"]["geometries"]
    assert client.get("/static/vendor/leaflet/images/layers.png").status_code == 200


def test_nothing_is_fetched_from_elsewhere() -> None:
    """Our files name no outside URL but the opt-in OpenStreetMap tile layer (and the SVG namespace)."""
    allowed = {
        "http://www.w3.org/2000/svg",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "https://tile.openstreetmap.org",
    }
    for path in OWN_FILES:
        if path.suffix in (".js", ".css", ".html"):
            found = set(re.findall(r"https?://[^\s'\"`;)<>]+", path.read_text(encoding="utf-8")))
            assert found <= allowed, f"{path.name}: {found - allowed}"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_build_no_markup_from_strings(script: Path) -> None:
    code = script.read_text(encoding="utf-8")
    assert not UNSAFE_JS.search(code), f"{script.name}: {UNSAFE_JS.search(code)}"


def test_vendored_files_are_small_and_licensed() -> None:
    vendor = STATIC / "vendor"
    size = sum(p.stat().st_size for p in vendor.rglob("*") if p.is_file())
    assert size < 1_500_000
    licences = (vendor / "LICENSES.md").read_text(encoding="utf-8")
    for package in ("leaflet", "topojson-client", "world-atlas"):
        assert (vendor / package / "LICENSE").is_file()
        assert package in licences
