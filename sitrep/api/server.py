"""Running the API under uvicorn until the first signal (`sitrep serve`).

On SIGTERM or Ctrl-C the server stops taking connections, flags an upload being ingested so that
it stops at its next document (sitrep/api/articles.py), gives the requests in flight
SHUTDOWN_SECONDS to answer, cancels those still running, and exits: one signal is enough.
"""

from __future__ import annotations

import sys
import threading
from types import FrameType

import uvicorn
from fastapi import FastAPI

from sitrep.api.articles import shutdown_flag

# How long requests in flight get to answer after the first signal before they are cancelled.
# An upload stops at its next document (well inside this); the limit bounds the rest, and keeps
# a stop inside the 10 s a container runtime waits after SIGTERM before it kills.
SHUTDOWN_SECONDS = 5
STARTUP_FAILURE = 3  # uvicorn's exit code when it cannot start (the port is taken)


class _Server(uvicorn.Server):
    """uvicorn's server, raising the app's shutdown flag as soon as a signal arrives (uvicorn
    tells the app only after the requests in flight have finished)."""

    def __init__(self, config: uvicorn.Config, shutting_down: threading.Event) -> None:
        super().__init__(config)
        self.shutting_down = shutting_down

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.shutting_down.set()
        super().handle_exit(sig, frame)


def serve(app: FastAPI, host: str, port: int) -> None:
    """Serve `app` until SIGTERM or Ctrl-C; exits with STARTUP_FAILURE when it cannot start."""
    config = uvicorn.Config(app, host=host, port=port, timeout_graceful_shutdown=SHUTDOWN_SECONDS)
    server = _Server(config, shutdown_flag(app.state))
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn raises Ctrl-C again once it has shut down
        pass
    if not server.started:
        sys.exit(STARTUP_FAILURE)
