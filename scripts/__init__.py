"""Developer scripts, run from the repository root; not installed with sitrep."""
