"""The HTTP API: JSON over the event store, served by sitrep itself (`sitrep serve`), offline.

    from sitrep.api import create_app
    app = create_app("events.db")            # or "postgresql://...", None: $SITREP_DB / the default
    uvicorn.run(app, host="127.0.0.1", port=8000)

`create_app(db=None, token=None, hosts=())`: token None reads $SITREP_API_TOKEN when the app is
created; no token (or "") disables the write endpoint. Only requests for 127.0.0.1, localhost,
::1, `hosts` and $SITREP_ALLOWED_HOSTS are answered (a DNS-rebinding guard; sitrep/api/guard.py),
and every response carries the security headers. The dashboard (sitrep.web) is mounted at / when
that package is installed.

Endpoints (JSON, snake_case; every error is `{"detail": "..."}` naming the parameter and why):

GET  /api/events           filters*, page (>=1, 1), page_size (1..500, 100), sort (date, -date, fatalities,
                           -fatalities, sources, -sources; default -date; missing values last)
                           -> {total, page, page_size, events: [DatasetEvent.to_dict() + notes]}
GET  /api/events.geojson   filters*, sort -> FeatureCollection + total, truncated (at most 10,000
                           features); Point [lon, lat] or null; properties: id, date, date_precision,
                           event_type, sub_event_type, actor1, actor2, claimed_by, fatalities, wounded,
                           sources, location (name), country, admin1, precision, relation, notes
GET  /api/events/{id}      EventDetail.to_dict() (reports: decision, evidence spans with their text;
                           history) + notes + documents {doc_id: StoredDocument.to_dict()}; 404
GET  /api/documents/{id}   StoredDocument.to_dict(); 404
GET  /api/trends           filters*, period (week|month|year), by (country|admin1|actor|claimant|type|sub_type),
                           baseline (1..520, 8) -> {rows: [TrendRow], alerts: [Alert], left_out: {why: n},
                           window: DateWindow (first, last, since, until, dated, before, after) | null}
GET  /api/alerts           filters*, period, by (comma list), baseline, min_count (3), alpha (0.01)
                           -> {alerts: [Alert]}
                           (trends and alerts: kept per store version; X-Sitrep-Cache: hit|miss)
GET  /api/places           q (required), limit (1..100, 10) -> [{name, country, admin1, lat, lon,
                           geonameid, feature_code, population}]
GET  /api/health           -> {ok: true, events: n}
GET  /api/meta             the query vocabulary (sitrep/filters.py vocabulary()): filters [{name, field, kind,
                           option, help, example, label, minimum?, maximum?, values?}], sorts, sort_keys,
                           default_sort, dimensions, alert_dimensions, periods
POST /api/articles         Authorization: Bearer <token> (or X-Sitrep-Token: <token>); body
                           application/json (an article or a list) or application/x-ndjson /
                           application/jsonl (benchmark JSON Lines: id, text, published, language,
                           source, url); at most 10 MB -> IngestStats fields + documents,
                           inputs [Outcome], errors [{input, reason}] (bad lines reported, not fatal)
POST /api/events/{id}/review  the token, as above; body {set: {field: text}, status: verified|rejected,
                           note, reviewer} or {merge: ID2} or {split: true} (sitrep/store/review.py) ->
                           the event as GET /api/events/{id} gives it, its trail under `reviews`; 400 a
                           field or value that cannot be set, 404 an unknown event
GET  /openapi.json         the OpenAPI schema (no /docs or /redoc: they load scripts from a CDN)

* filters, as `sitrep events` (both built from sitrep/filters.py FILTERS): since, until (YYYY-MM-DD),
  country (ISO2), admin1, actor, claimed_by, type, min_fatalities, min_sources, bbox (W,S,E,N), text,
  review (verified, corrected, reviewed, unreviewed, rejected, all; default: all but the rejected).

Status codes: 400 a bad parameter or body (dates, bbox, sizes, unknown values) or a Host not
served, 401 a missing or wrong token, 403 writes disabled, 404 an unknown id, 413 a body over 10 MB, 415 another
Content-Type, 503 the store cannot be opened (a SQLite file that does not exist yet: readers never
create one; the POST does).
"""

from sitrep.api.app import create_app

__all__ = ["create_app"]
