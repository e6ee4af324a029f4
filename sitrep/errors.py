"""One exception family. Messages name the input and the reason; the CLI prints them as one line."""

import re

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
