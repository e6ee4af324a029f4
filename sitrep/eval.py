"""The FORMAT.md scorer behind `sitrep eval`. OWNER: eval helper."""
