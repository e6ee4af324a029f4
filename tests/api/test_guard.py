"""Every response carries the security headers; only the hosts served are answered (a guard
against DNS rebinding). In process (TestClient) and over HTTP from a real `sitrep serve`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.api.guard import HOSTS_ENV, host_name
from sitrep.store import open_store
from sitrep.web import STATIC
from tests.api.test_serve import free_port, wait_for

HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


@pytest.fixture
def no_host_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No names allowed from the environment: only what each test gives create_app."""
    monkeypatch.delenv(HOSTS_ENV, raising=False)


@pytest.fixture
def client(tmp_path: Path, no_host_env: None) -> Iterator[TestClient]:
    """The app over an empty store, answering the test client's host."""
    db = tmp_path / "store.db"
    open_store(db).close()
    with TestClient(create_app(str(db), token="", hosts=["testserver"])) as c:
        yield c


def own_files() -> list[str]:
    return sorted(str(p.relative_to(STATIC)) for p in STATIC.rglob("*") if p.is_file() and "vendor" not in p.parts)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/static/index.html",
        "/api/health",
        "/api/events?page=0",
        "/api/events/nope",
        "/openapi.json",
        "/nowhere",
        "/static/vendor/leaflet/leaflet.js",
        *(f"/static/{name}" for name in own_files()),
    ],
)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    page = client.get("/")
    for name in HEADERS:
        assert response.headers.get(name) == page.headers[name], (path, name)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_the_page_is_served_at_the_root_only(client: TestClient) -> None:
    """The page names its files relative to /; /static/index.html sends the reader there."""
    response = client.get("/static/index.html", follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == "../"
    assert client.get("/static/index.html").url.path == "/"


def test_the_api_alone_sends_a_policy_of_its_own(
    tmp_path: Path, no_host_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sitrep.web", None)  # the dashboard package is not installed
    with TestClient(create_app(str(tmp_path / "x.db"), token="", hosts=["testserver"])) as c:
        response = c.get("/api/health")
    assert response.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "LOCALHOST:8000", "[::1]:8000", "[::1]", "localhost."]
)
def test_local_hosts_are_answered(tmp_path: Path, no_host_env: None, host: str) -> None:
    with TestClient(create_app(str(tmp_path / "x.db"), token="")) as c:
        assert c.get("/", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "testserver", ""])
def test_other_hosts_are_refused_with_a_reason(tmp_path: Path, no_host_env: None, host: str) -> None:
    """A rebound name (evil.example pointing at 127.0.0.1) reads nothing: not the page, not the API."""
    with TestClient(create_app(str(tmp_path / "x.db"), token="")) as c:
        for path in ("/", "/api/health", "/static/app.js"):
            response = c.get(path, headers={"Host": host})
            assert response.status_code == 400, (host, path)
            detail = response.json()["detail"]
            assert detail.startswith("host: ") and "\n" not in detail
            if host:
                assert repr(host) in detail and "--allow-host" in detail and HOSTS_ENV in detail
            assert response.headers["x-content-type-options"] == "nosniff"


def test_more_hosts_by_argument_or_environment(
    tmp_path: Path, no_host_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "x.db")
    with TestClient(create_app(db, token="", hosts=["sitrep.lan"])) as c:
        assert c.get("/", headers={"Host": "sitrep.lan:8000"}).status_code == 200
        assert c.get("/", headers={"Host": "other.lan"}).status_code == 400
    monkeypatch.setenv(HOSTS_ENV, "one.lan, two.lan")
    with TestClient(create_app(db, token="")) as c:
        assert c.get("/", headers={"Host": "two.lan"}).status_code == 200
        assert c.get("/", headers={"Host": "three.lan"}).status_code == 400
    monkeypatch.setenv(HOSTS_ENV, "*")  # the check off, on purpose
    with TestClient(create_app(db, token="")) as c:
        assert c.get("/", headers={"Host": "anything.example"}).status_code == 200


def test_host_names() -> None:
    assert host_name("Example.ORG:8000") == "example.org"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("::1") == "::1"
    assert host_name("sitrep.lan.") == "sitrep.lan"


@pytest.mark.slow  # starts `sitrep serve`
def test_serve_answers_its_own_host_and_names_allowed(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    open_store(db).close()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SITREP_API_TOKEN", HOSTS_ENV)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitrep.cli",
            "serve",
            "--port",
            str(port),
            "--db",
            str(db),
            "--allow-host",
            "sitrep.lan",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(f"{base}/api/health", server).status_code == 200
        assert httpx.get(f"{base}/api/health", headers={"Host": f"sitrep.lan:{port}"}).status_code == 200
        refused = httpx.get(f"{base}/", headers={"Host": f"rebound.example:{port}"})
        assert refused.status_code == 400 and "rebound.example" in refused.json()["detail"]
        assert httpx.get(f"{base}/static/app.js").headers["x-content-type-options"] == "nosniff"
    finally:
        server.terminate()
        server.communicate(timeout=30)


@pytest.mark.slow  # starts `sitrep serve`
def test_serve_on_every_interface_says_which_hosts_it_answers(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    open_store(db).close()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SITREP_API_TOKEN", HOSTS_ENV)}
    server = subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli", "serve", "--host", "0.0.0.0", "--port", str(port), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert wait_for(f"http://127.0.0.1:{port}/api/health", server).status_code == 200
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=30)
    assert "listening on every interface" in err and "--allow-host NAME" in err
