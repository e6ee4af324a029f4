"""POST /api/articles: the one write of the API. Guarded by a token, size-limited, and read by
the same code as `sitrep ingest` reads a .json or .jsonl file (sitrep/read.py), so an article
posted is the article ingested from a file: same fields, same language and date rules, same
reasons for a bad line.

An upload is ingested in a worker thread, which no one can interrupt: it stops itself between
documents when the client disconnects or the server begins to shut down. What was committed
stays (and is what a 503 answer lists); the batch in flight rolls back; posting the same batch
again stores the rest (stored articles are skipped by their content hash).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers, State

from sitrep.errors import InputError
from sitrep.read import read_inputs
from sitrep.records import Document
from sitrep.run.prepare import ingest_documents
from sitrep.store import IngestStats, Outcome, open_store
from sitrep.store.writer import SKIPPED

MB = 1024 * 1024
# A batch of benchmark articles is ~3 KB each: 10 MB is thousands, and bounds the memory a
# request may take before it is refused.
MAX_BODY_BYTES = 10 * MB
JSON_TYPES = frozenset({"application/json"})
JSONL_TYPES = frozenset(
    {"application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"}
)
TOKEN_HEADER = "X-Sitrep-Token"
# How often the route looks whether the client of an upload being ingested is still there: the
# ingest runs on for at most this long (and one document) after a client gave up.
DISCONNECT_POLL_SECONDS = 0.5
SHUTTING_DOWN = "the server is shutting down"
CLIENT_LEFT = "the client disconnected"
# The server's log (uvicorn's), where a stopped ingest is reported.
log = logging.getLogger("uvicorn.error")


def check_token(configured: str | None, headers: Headers) -> None:
    """403 when the server has no token (writes disabled), 401 when the request's is missing or wrong."""
    if not configured:
        raise HTTPException(403, "writes are disabled: the server was started without SITREP_API_TOKEN")
    given = _given_token(headers)
    if given is None:
        raise HTTPException(
            401,
            f"a token is needed: send 'Authorization: Bearer <token>' or '{TOKEN_HEADER}: <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
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


class IngestStopped(Exception):
    """An upload's ingest stopped between documents; `answer`: what its committed part stored."""

    def __init__(self, reason: str, answer: dict[str, Any]) -> None:
        super().__init__(reason)
        self.reason, self.answer = reason, answer


def shutdown_flag(state: State) -> threading.Event:
    """The app's flag for 'the server is shutting down' (`sitrep serve` sets it on the first
    signal): an upload being ingested stops at its next document."""
    flag = getattr(state, "shutting_down", None)
    if flag is None:
        flag = state.shutting_down = threading.Event()
    return flag


class StopSignal:
    """Why an upload's ingest should stop now, if it should: the server is shutting down, or the
    event loop saw its client leave. Read by the ingest thread before each document."""

    def __init__(self, shutting_down: threading.Event) -> None:
        self.shutting_down = shutting_down
        self.given: str | None = None

    def set(self, reason: str) -> None:
        self.given = self.given or reason

    def reason(self) -> str | None:
        return SHUTTING_DOWN if self.shutting_down.is_set() else self.given


async def ingest_upload(request: Request, db: str | None, body: bytes, kind: str) -> dict[str, Any] | JSONResponse:
    """`ingest_body` off the event loop (extraction and the store block), stopped between
    documents when the client disconnects or the server shuts down: then a 503 lists what was
    stored, for a client still there to hear it."""
    stop = StopSignal(shutdown_flag(request.app.state))
    work = asyncio.ensure_future(run_in_threadpool(ingest_body, db, body, kind, stop.reason))
    work.add_done_callback(_retrieve)  # read even when this request was cancelled meanwhile
    try:
        while not work.done():
            await asyncio.wait({work}, timeout=DISCONNECT_POLL_SECONDS)
            if not work.done() and await request.is_disconnected():
                stop.set(CLIENT_LEFT)
        return work.result()
    except asyncio.CancelledError:
        stop.set(SHUTTING_DOWN)  # the server gave up waiting for this request (its shutdown timeout)
        raise
    except IngestStopped as e:
        stored = e.answer["new"] + e.answer["near_duplicates"]
        detail = (
            f"{e.reason}: the ingest stopped after {e.answer['documents']} input(s) ({stored} stored, listed "
            "here); post the batch again to store the rest (stored articles are skipped)"
        )
        return JSONResponse({"detail": detail, **e.answer}, 503)


def _retrieve(work: asyncio.Future[Any]) -> None:
    if not work.cancelled():
        work.exception()


def ingest_body(
    db: str | None, body: bytes, kind: str, stop: Callable[[], str | None] = lambda: None
) -> dict[str, Any]:
    """Ingest the articles of a body into the store (created if missing) and say what happened
    to each: IngestStats as a dict, every input's outcome, and the skipped ones with reasons.
    `stop`, asked before each document: a reason to stop there (raises IngestStopped)."""
    outcomes: list[Outcome] = []
    last = IngestStats()

    def committed(outcome: Outcome, stats: IngestStats) -> None:
        nonlocal last
        outcomes.append(outcome)
        last = stats

    with tempfile.TemporaryDirectory(prefix="sitrep-api-") as folder:
        path = Path(folder) / f"articles.{kind}"
        path.write_bytes(body)

        def answer(stats: IngestStats) -> dict[str, Any]:
            return _response(stats, [_named_in_body(o, path) for o in outcomes])

        try:
            with open_store(db) as store:
                documents = _until_stopped(read_inputs([str(path)]), stop)
                return answer(ingest_documents(store, documents, on_progress=committed))
        except IngestStopped as e:
            log.warning(
                "POST /api/articles: %s; the ingest stopped after %d input(s), %d stored (the batch in "
                "flight rolled back)",
                e.reason,
                last.documents,
                last.new + last.near_duplicates,
            )
            e.answer = answer(last)
            raise


def _until_stopped(
    items: Iterable[Document | InputError], stop: Callable[[], str | None]
) -> Iterator[Document | InputError]:
    """The items, until `stop` gives a reason: raised into the writer's loop, whose open batch
    then rolls back."""
    for item in items:
        reason = stop()
        if reason is not None:
            raise IngestStopped(reason, {})  # its answer is filled in where the committed part is known
        yield item


def _named_in_body(outcome: Outcome, path: Path) -> dict[str, Any]:
    """An outcome as the client sees it: lines named in its body ("articles.jsonl:3"), not in the
    server's temporary folder."""

    def local(text: str) -> str:
        return text.replace(str(path), path.name)

    return {**asdict(outcome), "name": local(outcome.name), "repairs": [local(r) for r in outcome.repairs]}


def _error(skipped: dict[str, Any]) -> dict[str, Any]:
    """A skipped input as the response's `errors` list gives it; `language` when no pack covers its language."""
    language = {"language": skipped["no_pack"]} if skipped["no_pack"] is not None else {}
    return {"input": skipped["name"], "reason": skipped["reason"], **language}


def _response(stats: IngestStats, inputs: list[dict[str, Any]]) -> dict[str, Any]:
    errors = [_error(i) for i in inputs if i["status"] == SKIPPED]
    return {**asdict(stats), "documents": stats.documents, "inputs": inputs, "errors": errors}
