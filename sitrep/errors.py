"""One exception family. Messages name the input and the reason; the CLI prints them as one line."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

# Characters a message cannot carry to a UTF-8 terminal, file or JSON response: lone surrogates,
# which a file name that is not UTF-8 decodes to (os.fsdecode), and line breaks, which would
# split the one line a message is.
_UNPRINTABLE = re.compile("[\ud800-\udfff\r\n]")


def printable(text: str) -> str:
    """`text` safe to print as (part of) one line: a lone surrogate as its escape ('\\udce9'), a
    line break as a space."""
    return _UNPRINTABLE.sub(lambda m: " " if m[0] in "\r\n" else f"\\u{ord(m[0]):04x}", text)


class SitrepError(Exception):
    """Base class for every error sitrep raises on purpose."""


class InputError(SitrepError):
    """An input file, line or stream that cannot be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        source, reason = printable(source), printable(reason)
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type["InputError"], tuple[str, str]]:
        # Workers send these back to the parent: pickle the two arguments, not the message.
        return InputError, (self.source, self.reason)


class NoLanguagePack(InputError):
    """An input in a language no pack covers (given, or identified): skipped, never read with
    another language's pack, and counted apart in summaries. `language` is its code ('it')."""

    def __init__(self, source: str, reason: str, language: str) -> None:
        super().__init__(source, reason)
        self.language = printable(language)

    def __reduce__(self) -> tuple[type["NoLanguagePack"], tuple[str, str, str]]:  # type: ignore[override]
        return NoLanguagePack, (self.source, self.reason, self.language)


class PackError(SitrepError):
    """A language pack whose data files are missing or malformed."""


class StoreError(SitrepError):
    """An event store that cannot be opened or used: a bad URL, a missing folder, a server down."""


class ExtractionTimeout(SitrepError):
    """An article whose extraction ran past its time budget (sitrep.extract.budget): it is
    skipped, and a batch goes on with the next one."""

    def __init__(self, doc_id: str, budget_s: float) -> None:
        super().__init__(f"{doc_id}: the article took more than {budget_s:g} s to extract and was skipped")
        self.doc_id = doc_id
        self.budget_s = budget_s

    def __reduce__(self) -> tuple[type["ExtractionTimeout"], tuple[str, float]]:
        # Workers may send these back to the parent: pickle the two arguments, not the message.
        return ExtractionTimeout, (self.doc_id, self.budget_s)


# The optional features (pip extras in pyproject.toml) and the top-level modules each one installs.
EXTRAS = {
    "server": ("fastapi", "starlette", "uvicorn", "pydantic"),
    "parquet": ("pyarrow",),
    "plot": ("matplotlib",),
    "frames": ("pandas",),
    "watch": ("feedparser",),
}


class MissingExtra(SitrepError):
    """An optional feature whose dependencies (one of EXTRAS) are not installed."""

    def __init__(self, extra: str, feature: str) -> None:
        super().__init__(f"{feature} needs the optional dependencies of sitrep[{extra}]: pip install 'sitrep[{extra}]'")
        self.extra = extra
        self.feature = feature

    def __reduce__(self) -> tuple[type["MissingExtra"], tuple[str, str]]:
        return MissingExtra, (self.extra, self.feature)


@contextmanager
def needs_extra(extra: str, feature: str) -> Iterator[None]:
    """Around the imports of an optional feature: a module of `extra` missing is a MissingExtra that
    names the extra to install, not a traceback. Any other missing module is a bug and is raised."""
    try:
        yield
    except ModuleNotFoundError as e:
        if (e.name or "").partition(".")[0] not in EXTRAS[extra]:
            raise
        raise MissingExtra(extra, feature) from None
