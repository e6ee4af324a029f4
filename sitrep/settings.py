"""Where sitrep keeps its files: one place for the folders and defaults every part reads.

$SITREP_DATA names the data folder (the gazetteer's cache, the default store); otherwise it is
the platform's user data folder (platformdirs). $SITREP_DB names the default store: a file path
or a postgresql:// URL; otherwise sitrep.db in the data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "SITREP_DATA"
DB_ENV = "SITREP_DB"
DB_FILE_NAME = "sitrep.db"


def data_dir() -> Path:
    """$SITREP_DATA, else the platform's user data folder (platformdirs)."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    import platformdirs

    return Path(platformdirs.user_data_dir("sitrep", appauthor=False))


def default_store() -> str | None:
    """$SITREP_DB (a file path or a database URL), or None: the file default_db_path() names."""
    return os.environ.get(DB_ENV) or None


def default_db_path() -> Path:
    """The store's file when none is named: sitrep.db in the data folder."""
    return data_dir() / DB_FILE_NAME
