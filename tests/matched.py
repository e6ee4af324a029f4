"""Test tables read as the stages read text: every string through sitrep.visible.matched.

A table runner that calls one stage by itself (find_triggers, find_casualties, split_sentences)
skips the copy read_document makes, so it reads its table, texts and expected strings alike,
through the same tables: a case written with Persian yeh, ZWNJ or Eastern digits is matched as
an article would be."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from sitrep.visible import matched


def read_table(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = _matched(tomllib.loads(path.read_text("utf-8")))
    return data


def _matched(value: Any) -> Any:
    if isinstance(value, str):
        return matched(value)
    if isinstance(value, list):
        return [_matched(v) for v in value]
    if isinstance(value, dict):
        return {k: _matched(v) for k, v in value.items()}
    return value
