"""POST /api/articles: the token (disabled, missing, wrong, right), JSON and JSON Lines bodies,
bad lines reported and not fatal, size and type limits; and readers during a write."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitrep.api import articles, create_app
from sitrep.store import open_store
from tests.api.conftest import TOKEN, auth
from tests.store.corpus import ARTICLES, KIRKUK_BOMB, MOGADISHU_HOTEL

JSONL = {"Content-Type": "application/x-ndjson"}


def jsonl(items: list[Any]) -> str:
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in items)


def post_json(client: TestClient, body: Any, headers: dict[str, Any] | None = None) -> Any:
    return client.post("/api/articles", json=body, headers=auth() if headers is None else headers)


# --- the token ----------------------------------------------------------------------------------


def test_writes_are_disabled_without_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITREP_API_TOKEN", raising=False)
    path = tmp_path / "store.db"
    with TestClient(create_app(str(path))) as client:
        response = post_json(client, KIRKUK_BOMB, auth("anything"))
    assert response.status_code == 403 and "SITREP_API_TOKEN" in response.json()["detail"]
    assert not path.exists()


def test_the_token_comes_from_the_environment_when_the_app_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITREP_API_TOKEN", "from-env")
    app = create_app(str(tmp_path / "store.db"))
    monkeypatch.setenv("SITREP_API_TOKEN", "changed-later")
    with TestClient(app) as client:
        assert post_json(client, KIRKUK_BOMB, auth("changed-later")).status_code == 401
        assert post_json(client, KIRKUK_BOMB, auth("from-env")).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer "},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": TOKEN},
        {"X-Sitrep-Token": TOKEN[:-1]},
        {"Authorization": "Bearer Ω-not-it".encode()},  # a header is bytes: not even text need match
    ],
)
def test_a_missing_or_wrong_token_is_a_401_and_stores_nothing(writer: TestClient, headers: dict[str, Any]) -> None:
    response = post_json(writer, KIRKUK_BOMB, headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert "token" in response.json()["detail"]
    health = writer.get("/api/health")  # SQLite: no store was created; PostgreSQL: an empty one
    assert health.status_code == 503 or health.json()["events"] == 0


@pytest.mark.parametrize("headers", [auth(), {"Authorization": f"bearer {TOKEN}"}, {"X-Sitrep-Token": TOKEN}])
def test_the_right_token_ingests_and_the_events_appear(writer: TestClient, headers: dict[str, str]) -> None:
    response = post_json(writer, KIRKUK_BOMB, headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["new"], body["documents"], body["skipped"], body["errors"]) == (1, 1, 0, [])
    assert body["inputs"][0]["name"] == "tigris-kirkuk-bomb" and body["inputs"][0]["status"] == "new"
    events = writer.get("/api/events").json()["events"]
    assert [e["location"]["name"] for e in events] == ["Kirkuk"]
    assert writer.get(f"/api/documents/{body['inputs'][0]['doc_id']}").json()["outlet"] == "Tigris Wire"


# --- bodies -------------------------------------------------------------------------------------


def test_a_json_list_is_ingested_and_merged_and_a_repeat_changes_nothing(writer: TestClient) -> None:
    body = post_json(writer, ARTICLES).json()
    assert (body["new"], body["near_duplicates"], body["skipped"], body["documents"]) == (6, 1, 0, 7)
    assert writer.get("/api/health").json() == {"ok": True, "events": 4}
    again = post_json(writer, ARTICLES).json()
    assert (again["new"], again["unchanged"]) == (0, 7)


def test_json_lines_with_bad_lines_reports_them_and_ingests_the_rest(writer: TestClient) -> None:
    text = (
        jsonl([KIRKUK_BOMB])
        + "{not json\n\n"
        + jsonl([{"id": "no-text"}, [1, 2], {**MOGADISHU_HOTEL, "published": "April"}])
    )
    text += jsonl([MOGADISHU_HOTEL])
    response = writer.post("/api/articles", content=text.encode(), headers={**auth(), **JSONL})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["new"], body["skipped"]) == (2, 4)
    reasons = {e["input"]: e["reason"] for e in body["errors"]}
    assert reasons == {
        "articles.jsonl:2": "line 2: not valid JSON (Expecting property name enclosed in double quotes)",
        "articles.jsonl:4": 'line 4: no "text" string field',
        "articles.jsonl:5": "line 5: not a JSON object",
        "articles.jsonl:6": "line 6: \"published\" is not a YYYY-MM-DD date: 'April'",
    }
    assert {e["location"]["name"] for e in writer.get("/api/events").json()["events"]} == {"Kirkuk", "Mogadishu"}


@pytest.mark.parametrize(
    "media", ["application/jsonl", "application/x-ndjson; charset=utf-8", "application/x-jsonlines"]
)
def test_every_json_lines_type_is_accepted(writer: TestClient, media: str) -> None:
    response = writer.post("/api/articles", content=jsonl([KIRKUK_BOMB]), headers={**auth(), "Content-Type": media})
    assert response.status_code == 200 and response.json()["new"] == 1


def test_a_json_list_item_that_is_not_an_article_is_reported(writer: TestClient) -> None:
    body = post_json(writer, [KIRKUK_BOMB, "text", {"text": "   "}]).json()
    assert body["new"] == 1
    assert [e["input"] for e in body["errors"]] == ["articles.json:2", "articles.json:3"]
    assert body["errors"][0]["reason"] == "item 2: not a JSON object"
    assert body["errors"][1]["reason"].endswith('3: empty "text"')  # sitrep/read.py's words


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"{not json", "body: not valid JSON"),
        (b"\xff\xfe\x00garbage", "body: not valid JSON"),
        (b'"just a string"', "body: send an article object"),
        (b"42", "body: send an article object"),
        (b"[]", "body: the list holds no articles"),
        (b"", "body: empty"),
        (b"  \n ", "body: empty"),
        (b"[" * 100_000, "body: not valid JSON"),
    ],
)
def test_a_malformed_json_body_is_a_400(writer: TestClient, content: bytes, detail: str) -> None:
    response = writer.post("/api/articles", content=content, headers={**auth(), "Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["detail"].startswith(detail), response.text


def test_another_content_type_is_a_415(writer: TestClient) -> None:
    for headers in ({"Content-Type": "text/plain"}, {"Content-Type": "multipart/form-data; boundary=x"}, {}):
        response = writer.post("/api/articles", content=b"KABUL - A bomb", headers={**auth(), **headers})
        assert response.status_code == 415 and "Content-Type" in response.json()["detail"]


def test_a_body_over_the_limit_is_a_413(writer: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    too_big = b"x" * (articles.MAX_BODY_BYTES + 1)
    response = writer.post("/api/articles", content=too_big, headers={**auth(), "Content-Type": "application/json"})
    assert response.status_code == 413 and "10 MB" in response.json()["detail"]
    # Streamed without a Content-Length: counted as it arrives.
    monkeypatch.setattr(articles, "MAX_BODY_BYTES", 1000)
    chunks = iter([b"[" + b" " * 600, b" " * 600 + b"]"])
    response = writer.post("/api/articles", content=chunks, headers={**auth(), **JSONL})
    assert response.status_code == 413


def test_the_token_is_checked_before_the_body_is_read(writer: TestClient) -> None:
    too_big = b"x" * (articles.MAX_BODY_BYTES + 1)
    response = writer.post("/api/articles", content=too_big, headers={"Content-Type": "application/json"})
    assert response.status_code == 401


# --- readers during a write ---------------------------------------------------------------------


def test_readers_answer_while_a_writer_holds_the_store(writer: TestClient, store_url: str) -> None:
    post_json(writer, [KIRKUK_BOMB])
    holding, release = threading.Event(), threading.Event()

    def hold_the_write_lock() -> None:
        with open_store(store_url) as store, store.db.transaction():
            store.db.execute("UPDATE events SET sources = sources")
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold_the_write_lock)
    holder.start()
    try:
        assert holding.wait(30)
        assert writer.get("/api/events").json()["total"] == 1
        assert writer.get("/api/health").json() == {"ok": True, "events": 1}
    finally:
        release.set()
        holder.join(30)


def test_a_nul_character_is_read_as_a_space(writer: TestClient) -> None:
    # JSON may escape a NUL; PostgreSQL text cannot hold one, so reading turns it into a space.
    nul = [{**KIRKUK_BOMB, "text": KIRKUK_BOMB["text"] + "\u0000"}, {**MOGADISHU_HOTEL, "source": "Horn\u0000Wire"}]
    body = post_json(writer, [*nul, ARTICLES[1]]).json()
    assert (body["new"], body["skipped"]) == (3, 0) and body["errors"] == []


# --- languages without a pack -------------------------------------------------------------------

# Written for this test: an Italian and a Dutch report, languages no pack of issue 13 covers.
ITALIAN = {
    "id": "it-1",
    "text": "Tre agenti di polizia sono stati uccisi quando uomini armati hanno attaccato un posto di "
    "blocco alla periferia di Kirkuk, ha detto un portavoce dell'esercito.",
    "published": "2020-01-15",
}
DUTCH_GIVEN = {"id": "nl-1", "text": KIRKUK_BOMB["text"], "language": "nl"}  # a language given wins


def test_an_upload_in_a_language_without_a_pack_is_skipped_and_counted(writer: TestClient) -> None:
    body = jsonl([KIRKUK_BOMB, ITALIAN, DUTCH_GIVEN])
    response = writer.post("/api/articles", content=body.encode(), headers={**auth(), **JSONL})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["new"], answer["skipped"], answer["no_language_pack"]) == (1, 2, 2)
    assert answer["errors"] == [
        {"input": "articles.jsonl:2", "reason": "line 2: no language pack for 'it' (Italian)", "language": "it"},
        {"input": "articles.jsonl:3", "reason": "line 3: no language pack for 'nl' (Dutch)", "language": "nl"},
    ]
    assert [i["no_pack"] for i in answer["inputs"]] == [None, "it", "nl"]
    assert {e["location"]["name"] for e in writer.get("/api/events").json()["events"]} == {"Kirkuk"}
