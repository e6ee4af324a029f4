"""One exception family. Messages name the input and the reason; the CLI prints them as one line."""


class SitrepError(Exception):
    """Base class for every error sitrep raises on purpose."""


class InputError(SitrepError):
    """An input file, line or stream that cannot be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
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
