"""The routes of the HTTP API (the contract is in sitrep/api/__init__.py).

Each request opens the store in the thread that serves it and closes it when done: a SQLite or
psycopg connection must not cross threads, FastAPI runs sync routes in a pool of threads, and
opening a current store costs one small query. Readers open with create=False, so a mistyped
path is a 503 naming it, never a new empty store. Trends and alerts are kept per store version
(sitrep/api/cache.py); every response carries the security headers and only the hosts served
are answered (sitrep/api/guard.py).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette import status

from sitrep import __version__, filters
from sitrep.analyse import note, surge_alerts, trend
from sitrep.analyse.alerts import DIMENSIONS
from sitrep.analyse.export import point
from sitrep.analyse.periods import left_out, periods_before
from sitrep.analyse.window import bulk_window
from sitrep.api import articles
from sitrep.api.cache import AnswerCache
from sitrep.api.guard import API_POLICY, HostGuard, SecurityHeaders, security_headers, served_hosts
from sitrep.api.params import (
    BaselineQuery,
    Filters,
    Grouping,
    PageQuery,
    PageSizeQuery,
    PeriodQuery,
    SortQuery,
    check_span,
    check_text,
    groupings,
    paged,
)
from sitrep.errors import InputError, SitrepError, StoreError
from sitrep.geo import search_places
from sitrep.records import DatasetEvent
from sitrep.store import EventFilter, Store, open_store

MAX_NOTE = 2000  # characters of a review's note or reviewer name
MAX_FEATURES = 10_000  # GeoJSON features in one response; `truncated` says when there were more
CACHE_HEADER = "X-Sitrep-Cache"  # hit: a kept answer (or one computed for another request); miss


@dataclass(frozen=True)
class ApiConfig:
    db: str | None  # None: $SITREP_DB, else sitrep.db in the data folder (as the CLI)
    token: str | None  # None or "": writes disabled
    answers: AnswerCache = field(default_factory=AnswerCache, compare=False)

    def reader(self) -> Store:
        return open_store(self.db, create=False)


async def _config(request: Request) -> ApiConfig:
    return request.app.state.sitrep  # type: ignore[no-any-return]


Config = Annotated[ApiConfig, Depends(_config)]
router = APIRouter(prefix="/api")


def create_app(db: str | None = None, token: str | None = None, hosts: Iterable[str] = ()) -> FastAPI:
    """The API over the store `db`; writes need `token` (default: $SITREP_API_TOKEN, read now).
    It answers requests for 127.0.0.1, localhost, ::1, `hosts` and $SITREP_ALLOWED_HOSTS only
    (sitrep/api/guard.py; an in-process test client sends Host "testserver": name it here)."""
    # /docs and /redoc load their scripts from a CDN; the product is offline, so only the schema.
    app = FastAPI(
        title="sitrep",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Political-violence events extracted from news: read the dataset, post articles.",
    )
    app.state.sitrep = ApiConfig(db, os.environ.get("SITREP_API_TOKEN") if token is None else token)
    app.include_router(router)
    _add_error_handlers(app)
    policy = _mount_dashboard(app)  # last: its routes at / must not shadow the API's
    # The last middleware added runs first: a refused host gets the headers too.
    app.add_middleware(HostGuard, hosts=served_hosts(hosts))
    app.add_middleware(SecurityHeaders, headers=security_headers(policy or API_POLICY))
    return app


def _mount_dashboard(app: FastAPI) -> str | None:
    """Mount the dashboard; its page's Content-Security-Policy, which every response then carries."""
    try:
        from sitrep.web import mount
    except ImportError:  # the API runs without the dashboard package
        return None
    return mount(app)


# --- errors -------------------------------------------------------------------------------------


def _add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid_request)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, _store_unavailable)  # type: ignore[arg-type]
    app.add_exception_handler(InputError, _bad_input)  # type: ignore[arg-type]
    app.add_exception_handler(SitrepError, _store_unavailable)  # type: ignore[arg-type]


async def _invalid_request(request: Request, e: RequestValidationError) -> JSONResponse:
    """FastAPI's validation errors as one line, parameter first, like the API's own checks."""
    reasons = [f"{err['loc'][-1]}: {err['msg']}" for err in e.errors()]
    return JSONResponse({"detail": "; ".join(reasons)}, status.HTTP_400_BAD_REQUEST)


async def _store_unavailable(request: Request, e: SitrepError) -> JSONResponse:
    """The store (or the gazetteer) cannot be used: the server's state, not the request's fault."""
    return JSONResponse({"detail": str(e)}, status.HTTP_503_SERVICE_UNAVAILABLE)


async def _bad_input(request: Request, e: InputError) -> JSONResponse:
    return JSONResponse({"detail": str(e)}, status.HTTP_400_BAD_REQUEST)


# --- events -------------------------------------------------------------------------------------


def event_json(e: DatasetEvent) -> dict[str, Any]:
    return {**e.to_dict(), "notes": note(e)}


@router.get("/events")
def list_events(
    cfg: Config, f: Filters, page: PageQuery = 1, page_size: PageSizeQuery = 100, sort: SortQuery = "-date"
) -> dict[str, Any]:
    """Stored events matching every filter, a page at a time; `total` counts them all."""
    with cfg.reader() as store:
        total = store.count_events(f)
        found = store.find_events(paged(f, page, page_size, sort))
    return {"total": total, "page": page, "page_size": page_size, "events": [event_json(e) for e in found]}


@router.get("/events.geojson")
def events_geojson(cfg: Config, f: Filters, sort: SortQuery = "-date") -> dict[str, Any]:
    """The events as a FeatureCollection: a Point per event, null geometry for an unplaced one."""
    with cfg.reader() as store:
        total = store.count_events(f)
        found = store.find_events(replace(f, limit=MAX_FEATURES, order=sort))
    return {
        "type": "FeatureCollection",
        "total": total,
        "truncated": total > len(found),
        "features": [_feature(e) for e in found],
    }


def _feature(e: DatasetEvent) -> dict[str, Any]:
    loc = e.location.to_dict() if e.location else {}
    props = {
        "id": e.id,
        "date": e.date_text(),
        "date_precision": e.date_precision,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": e.actor1,
        "actor2": e.actor2,
        "claimed_by": list(e.claimed_by),
        # The record's figure (null for vague words) and its range, as the events JSON; a sum
        # over the map reads the count's figure (see Count.figure).
        "fatalities": e.fatalities.best if e.fatalities else None,
        "wounded": e.wounded.best if e.wounded else None,
        "fatalities_count": e.fatalities.to_dict() if e.fatalities else None,
        "wounded_count": e.wounded.to_dict() if e.wounded else None,
        "sources": e.sources,
        "location": loc.get("name"),
        "country": loc.get("country"),
        "admin1": loc.get("admin1"),
        "precision": loc.get("precision"),
        "relation": loc.get("relation"),
        "notes": note(e),
    }
    return {"type": "Feature", "id": e.id, "geometry": point(e), "properties": props}


@router.get("/events/{event_id}")
def event_detail(cfg: Config, event_id: str) -> dict[str, Any]:
    """One event: its reports with merge decisions and evidence spans (with the text they cover),
    its history, a generated note, and the full text of every source article."""
    with cfg.reader() as store:
        detail = store.event(event_id)
    if detail is None:
        raise HTTPException(404, f"no event {event_id!r} in the store")
    documents = {doc_id: doc.to_dict() for doc_id, doc in detail.documents.items()}
    return {**detail.to_dict(), "notes": note(detail.event), "documents": documents}


class ReviewBody(BaseModel):
    """An analyst's review (sitrep/store/review.py): fields to set (text, as `sitrep review --set`;
    "" gives the machine's value back) and/or a status; or another event to merge in; or a split."""

    model_config = ConfigDict(extra="forbid")

    set: dict[str, str] = {}
    status: Literal["verified", "rejected"] | None = None
    merge: str | None = None
    split: bool = False
    note: str | None = Field(default=None, max_length=MAX_NOTE)
    reviewer: str | None = Field(default=None, max_length=MAX_NOTE)


@router.post("/events/{event_id}/review")
def review_event(cfg: Config, request: Request, event_id: str, body: ReviewBody) -> dict[str, Any]:
    """Verify, correct or reject an event, or merge or split events; the event as now stored,
    with its trail. Needs the server's token."""
    from sitrep.store.review import ReviewError, parse_settings

    articles.check_token(cfg.token, request.headers)
    if sum(map(bool, (body.set or body.status, body.merge, body.split))) != 1:
        raise HTTPException(400, "give set and/or status; or merge; or split")
    with open_store(cfg.db) as store:
        try:
            if body.merge:
                store.merge_events(event_id, body.merge, body.note, body.reviewer)
            elif body.split:
                store.split_event(event_id, body.note, body.reviewer)
            else:
                settings = parse_settings([f"{k}={v}" for k, v in body.set.items()])
                store.review(event_id, settings, body.status, body.note, body.reviewer)
        except ReviewError as e:
            raise HTTPException(404 if str(e).startswith("no event") else 400, str(e)) from None
    return event_detail(cfg, event_id)


@router.get("/documents/{doc_id}")
def document(cfg: Config, doc_id: str) -> dict[str, Any]:
    with cfg.reader() as store:
        doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r} in the store")
    return doc.to_dict()


# --- analysis -----------------------------------------------------------------------------------


@router.get("/trends")
def trends(
    cfg: Config,
    f: Filters,
    period: PeriodQuery = "week",
    by: Annotated[Grouping | None, Query(description="One series per value of this dimension.")] = None,
    baseline: BaselineQuery = 8,
) -> Response:
    """Events and fatalities per period (`sitrep trends`), the surge alerts of the same series so
    a timeline can mark them, and the window of dates holding the bulk of the events (where a
    timeline opens; sitrep/analyse/window.py). `since` is the first period shown: the baseline
    reads events before it."""

    def compute(store: Store) -> dict[str, Any]:
        lead = periods_before(f.since, period, baseline) if f.since else None
        events = store.find_events(replace(f, since=lead))
        check_span(events, lead, f.until, period)
        rows = trend(events, period, by, f.since, f.until, baseline)
        found = surge_alerts(events, period, (by,) if by else DIMENSIONS, baseline, until=f.until)
        window = bulk_window(e.date for e in events if e.date and (f.since is None or e.date >= f.since))
        return {
            "rows": [r.to_dict() for r in rows],
            "alerts": [a.to_dict() for a in found],
            "left_out": dict(left_out(events, period)),
            "window": window.to_dict() if window else None,
        }

    return _answer(cfg, ("trends", f, period, by, baseline), compute)


@router.get("/alerts")
def alerts(
    cfg: Config,
    f: Filters,
    period: PeriodQuery = "week",
    by: Annotated[
        str | None, Query(description="Dimensions to test, comma-separated (default: country,admin1,actor,type).")
    ] = None,
    baseline: BaselineQuery = 8,
    min_count: Annotated[int, Query(ge=1, le=10**6, description="Fewest events for an alert.")] = 3,
    alpha: Annotated[float, Query(gt=0, lt=1, description="Significance over all series tested.")] = 0.01,
) -> Response:
    """Series whose latest period (the one holding `until`, else the latest event's) surges
    above its baseline (`sitrep alerts`). Only the latest periods are read, so no span is refused."""
    dimensions = groupings(by) or DIMENSIONS

    def compute(store: Store) -> dict[str, Any]:
        found = surge_alerts(store.find_events(f), period, dimensions, baseline, min_count, alpha, until=f.until)
        return {"alerts": [a.to_dict() for a in found]}

    key = ("alerts", f, period, tuple(sorted(dimensions)), baseline, min_count, alpha)
    return _answer(cfg, key, compute)


def _answer(cfg: ApiConfig, key: tuple[Hashable, ...], compute: Callable[[Store], dict[str, Any]]) -> Response:
    """The answer kept for `key` at the store's current version, else computed (once, however many
    requests ask at the same time). The version is read before the events, so a kept answer is
    never older than the version it is kept under. Kept as JSON bytes: encoding a long series
    again for every request would cost much of what keeping it saves."""

    def encoded(store: Store) -> bytes:
        return bytes(JSONResponse(compute(store)).body)

    with cfg.reader() as store:
        body, hit = cfg.answers.get((store.version(), dt.date.today(), *key), lambda: encoded(store))
    return Response(body, media_type="application/json", headers={CACHE_HEADER: "hit" if hit else "miss"})


# --- the vocabulary, places, health, articles ---------------------------------------------------


@router.get("/meta")
def meta() -> dict[str, Any]:
    """What a client can ask for (sitrep/filters.py): the filters of /api/events, /api/trends and
    /api/alerts with their kinds and allowed values, the sort orders, the dimensions and the
    periods. The dashboard builds its controls from it."""
    return filters.vocabulary()


@router.get("/places")
def places(
    q: Annotated[str, Query(max_length=200, description="Full-text search; 'mayad*' for a prefix.")],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> list[dict[str, Any]]:
    """Gazetteer places whose names match `q`, largest first."""
    if check_text("q", q) is None:
        raise HTTPException(400, "q: give a place name to search for")
    return search_places(q, limit)


@router.get("/watch")
def watch(cfg: Config) -> dict[str, Any]:
    """What `sitrep watch` has done over this store: its last cycles (newest first: when, what
    they stored, what failed), each source's state (last poll, last success, last error, documents
    read, and `failures`: the latest cycles in a row it failed in) and the alerts sent (newest
    first). Empty lists when the store was never watched."""
    from sitrep.store.watch import watch_status

    with cfg.reader() as store:
        return watch_status(store)


@router.get("/health")
def health(cfg: Config) -> dict[str, Any]:
    with cfg.reader() as store:
        return {"ok": True, "events": store.count_events(EventFilter())}


@router.post("/articles", response_model=None)  # a dict, or a 503 JSONResponse listing what was stored
async def post_articles(cfg: Config, request: Request) -> dict[str, Any] | JSONResponse:
    """Ingest articles (JSON: one object or a list; or JSON Lines) in the benchmark format: id,
    text, published, language, source, url. Needs the server's token."""
    articles.check_token(cfg.token, request.headers)
    kind = articles.body_kind(request.headers)
    body = await articles.read_body(request)
    if kind == "json":
        articles.check_json(body)
    # Off the event loop, in one thread from open to close; stopped between documents when the
    # client disconnects or the server shuts down (a 503 then lists what was stored).
    return await articles.ingest_upload(request, cfg.db, body, kind)
