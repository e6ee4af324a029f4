"""Answers of the analysis routes (/api/trends, /api/alerts) kept per store version.

A trend reads every matching event and counts it per period and group: seconds over a large
store, and with 20 clients asking at once each computed it again (the median answer took 24 s).
An answer depends only on the stored data, the request's parsed parameters and today's date (a
period still running is partial; an alert's reference day), so it is kept under the key (store
version, today, parameters). Every committed write raises the store's version (Store.version), so
the next request after a write computes afresh and the old answers age out of a bounded LRU.

Single flight: while one request computes an answer, requests for the same key wait for it rather
than compute it again, so 20 identical requests at once cost one computation.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any

MAX_ANSWERS = 64  # answers kept; a trend by actor over years of weeks is a few MB of rows


class AnswerCache:
    """A bounded LRU of computed answers with single-flight computation; thread-safe."""

    def __init__(self, size: int = MAX_ANSWERS) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._running: dict[Hashable, Future[Any]] = {}
        self.computed = 0  # computations run: what tests count instead of timing anything
        self.waiting = 0  # requests waiting now for another's computation

    def get(self, key: Hashable, compute: Callable[[], Any]) -> tuple[Any, bool]:
        """(the answer for `key`, whether it was found rather than computed for this call)."""
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key], True
            running = self._running.get(key)
            mine = running is None
            if running is None:
                running = self._running[key] = Future()
            else:
                self.waiting += 1
        if not mine:
            return self._wait(running), True
        return self._compute(key, running, compute), False

    def _wait(self, running: Future[Any]) -> Any:
        try:
            return running.result()  # the computing request's error is this one's too
        finally:
            with self._lock:
                self.waiting -= 1

    def _compute(self, key: Hashable, running: Future[Any], compute: Callable[[], Any]) -> Any:
        try:
            answer = compute()
        except BaseException as e:
            with self._lock:
                del self._running[key]  # an error is not kept: the next request tries again
            running.set_exception(e)
            raise
        with self._lock:
            self.computed += 1
            self._answers[key] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
            del self._running[key]
        running.set_result(answer)
        return answer
