"""Analysis over dataset events: trends, surge alerts, a chart, exports and notes.

Pure functions over `list[DatasetEvent]` (what `sitrep.store` returns); the CLI loads events
from the store and calls them.
"""

from sitrep.analyse.alerts import Alert, poisson_sf, surge_alerts
from sitrep.analyse.export import acled_row, write_csv, write_geojson, write_jsonl, write_parquet
from sitrep.analyse.notes import note
from sitrep.analyse.trends import TrendRow, trend

__all__ = [
    "Alert",
    "TrendRow",
    "acled_row",
    "note",
    "poisson_sf",
    "surge_alerts",
    "trend",
    "write_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
]
