"""POST /api/articles: the one write of the API. Guarded by a token, size-limited, and read by
the same code as `sitrep ingest` reads a .json or .jsonl file (sitrep/read.py), so an article
posted is the article ingested from a file: same fields, same language and date rules, same
reasons for a bad line.
"""

from __future__ import annotations

import hmac
import json
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from starlette.datastructures import Headers

from sitrep.read import read_inputs
from sitrep.store import IngestStats, Outcome, open_store
from sitrep.store.ingest import SKIPPED

MB = 1024 * 1024
# A batch of benchmark articles is ~3 KB each: 10 MB is thousands, and bounds the memory a
# request may take before it is refused.
MAX_BODY_BYTES = 10 * MB
JSON_TYPES = frozenset({"application/json"})
JSONL_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"})
TOKEN_HEADER = "X-Sitrep-Token"


def check_token(configured: str | None, headers: Headers) -> None:
    """403 when the server has no token (writes disabled), 401 when the request's is missing or wrong."""
    if not configured:
        raise HTTPException(403, "writes are disabled: the server was started without SITREP_API_TOKEN")
    given = _given_token(headers)
    if given is None:
        raise HTTPException(401, f"a token is needed: send 'Authorization: Bearer <token>' or '{TOKEN_HEADER}: <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    # Constant time: how long a wrong guess takes must not tell how much of it was right.
    if not hmac.compare_digest(given.encode(), configured.encode()):
        raise HTTPException(401, "wrong token", headers={"WWW-Authenticate": "Bearer"})


def _given_token(headers: Headers) -> str | None:
    scheme, _, value = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return headers.get(TOKEN_HEADER) or None


def body_kind(headers: Headers) -> str:
    """'json' or 'jsonl' from the Content-Type; 415 for anything else."""
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    if media in JSON_TYPES:
        return "json"
    if media in JSONL_TYPES:
        return "jsonl"
    kinds = ", ".join(sorted(JSON_TYPES | JSONL_TYPES))
    raise HTTPException(415, f"Content-Type: {media or 'none given'} is not accepted; send one of {kinds}")


async def read_body(request: Request) -> bytes:
    """The request body, refused with 413 as soon as it passes MAX_BODY_BYTES (whether or not
    Content-Length announced it), so a huge upload is never held in memory."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body.strip():
        raise HTTPException(400, "body: empty; send a JSON article, a list of them, or JSON Lines")
    return body


def _too_large() -> HTTPException:
    return HTTPException(413, f"body: over the {MAX_BODY_BYTES // MB} MB limit; send the articles in smaller batches")


def check_json(body: bytes) -> None:
    """A JSON body must parse whole, as an object or a list: a malformed one is the client's
    mistake as a whole (400), unlike a bad line of JSON Lines, which is skipped and reported."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as e:
        raise HTTPException(400, f"body: not valid JSON ({getattr(e, 'msg', None) or type(e).__name__})") from None
    if not isinstance(data, dict | list):
        raise HTTPException(400, "body: send an article object or a list of them")
    if data == []:
        raise HTTPException(400, "body: the list holds no articles")


def ingest_body(db: str | None, body: bytes, kind: str) -> dict[str, Any]:
    """Ingest the articles of a body into the store (created if missing) and say what happened
    to each: IngestStats as a dict, every input's outcome, and the skipped ones with reasons."""
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="sitrep-api-") as folder:
        path = Path(folder) / f"articles.{kind}"
        path.write_bytes(body)
        with open_store(db) as store:
            stats = store.ingest(read_inputs([str(path)]), on_progress=lambda o, _s: outcomes.append(o))
        inputs = [_named_in_body(o, path) for o in outcomes]
    return _response(stats, inputs)


def _named_in_body(outcome: Outcome, path: Path) -> dict[str, Any]:
    """An outcome as the client sees it: lines named in its body ("articles.jsonl:3"), not in the
    server's temporary folder."""
    def local(text: str) -> str:
        return text.replace(str(path), path.name)

    return {**asdict(outcome), "name": local(outcome.name), "repairs": [local(r) for r in outcome.repairs]}


def _response(stats: IngestStats, inputs: list[dict[str, Any]]) -> dict[str, Any]:
    errors = [{"input": i["name"], "reason": i["reason"]} for i in inputs if i["status"] == SKIPPED]
    return {**asdict(stats), "documents": stats.documents, "inputs": inputs, "errors": errors}
