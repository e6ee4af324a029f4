"""POST /api/articles over input that used to fail a whole upload (issue 10, items 1 and 4): a lone
surrogate escape in a field, and an article over the 5 MB article limit inside a body under the
10 MB body limit. Each such article is repaired or skipped with a line naming it; the others are
stored; the answer is a 200."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from sitrep.read import MAX_ARTICLE_BYTES
from tests.api.conftest import auth
from tests.store.corpus import GAO_NB, KIRKUK_BOMB, MOGADISHU_HOTEL

JSON = {**auth(), "Content-Type": "application/json"}
JSONL = {**auth(), "Content-Type": "application/x-ndjson"}
# json.dumps writes a lone surrogate as its escape, as a scraper's JSON carries it.
HALF_EMOJI = {**MOGADISHU_HOTEL, "text": "\ud83d " + MOGADISHU_HOTEL["text"]}
ODD_ID = {**GAO_NB, "id": "gao\udc00"}
OVER_LIMIT = {"id": "dump", "text": "word " * (MAX_ARTICLE_BYTES // 5 + 1), "language": "en"}


def stored_places(client: TestClient) -> set[str]:
    return {e["location"]["name"] for e in client.get("/api/events").json()["events"]}


def test_a_json_list_with_lone_surrogates_is_stored_whole(writer: TestClient) -> None:
    body = json.dumps([KIRKUK_BOMB, HALF_EMOJI, ODD_ID])
    assert "\\ud83d" in body and "\\udc00" in body
    response = writer.post("/api/articles", content=body.encode(), headers=JSON)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["new"], answer["skipped"], answer["errors"]) == (3, 0, [])
    assert [i["repairs"] for i in answer["inputs"]] == [
        [],
        ["articles.json:2: text: 1 lone surrogate replaced by U+FFFD"],
        ["articles.json:3: id: 1 lone surrogate replaced by U+FFFD"],
    ]
    assert answer["inputs"][2]["name"] == "gao\ufffd"
    assert stored_places(writer) >= {"Kirkuk", "Mogadishu"}


def test_json_lines_with_a_lone_surrogate_in_an_id(writer: TestClient) -> None:
    body = "".join(json.dumps(a) + "\n" for a in (ODD_ID, KIRKUK_BOMB, HALF_EMOJI))
    response = writer.post("/api/articles", content=body.encode(), headers=JSONL)
    assert response.status_code == 200, response.text
    assert (response.json()["new"], response.json()["skipped"]) == (3, 0)
    assert writer.get("/api/events?country=IQ").json()["total"] == 1


def test_an_article_over_the_limit_in_a_json_upload_is_skipped_and_the_rest_stored(writer: TestClient) -> None:
    body = json.dumps([KIRKUK_BOMB, OVER_LIMIT, MOGADISHU_HOTEL]).encode()
    assert MAX_ARTICLE_BYTES < len(body) < 10 * 1024 * 1024  # under the body limit: read, record by record
    response = writer.post("/api/articles", content=body, headers=JSON)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["new"], answer["skipped"]) == (2, 1)
    assert answer["errors"] == [{"input": "articles.json:2", "reason": "line 2: over the 5 MB limit"}]
    assert stored_places(writer) == {"Kirkuk", "Mogadishu"}


def test_an_article_over_the_limit_in_a_json_lines_upload(writer: TestClient) -> None:
    body = "".join(json.dumps(a) + "\n" for a in (OVER_LIMIT, KIRKUK_BOMB)).encode()
    answer = writer.post("/api/articles", content=body, headers=JSONL).json()
    assert (answer["new"], answer["errors"]) == (
        1,
        [{"input": "articles.jsonl:1", "reason": "line 1: over the 5 MB limit"}],
    )
