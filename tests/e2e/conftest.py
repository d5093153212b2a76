"""Fixtures of the browser tests: a live server over a temporary store, and a Chromium page on it.

A browser test module defines its own ``server`` fixture (what the store holds) with :func:`serve`, and may
override ``viewport``; ``page`` is the same for all: Debian's Chromium driven by Playwright, offline
(anything not served by our own server is refused), failing the test on any JavaScript error. The tests
skip with the reason when Chromium or Playwright is missing (`make browser` installs them).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from tidings.api import create_app
from tidings.model import Document
from tidings.store import Store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
OUT = Path(__file__).resolve().parents[2] / "test-output"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _serving(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn in a thread on a free local port; yield its base URL."""
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


Serve = Callable[..., str]


@pytest.fixture()
def serve(tmp_path: Path) -> Iterator[Serve]:
    """``serve(docs, prepare=None, name="ui.duckdb")``: store ``docs`` in a fresh file of that name, serve the
    API over it, return the URL.

    ``prepare(app)`` may adjust the app before it serves (e.g. give it a pipeline without stages). Skips
    when Chromium or Playwright is missing; the servers stop at the end of the test.
    """
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is missing; run `make browser` (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright (Python) is not installed")
    with ExitStack() as stack:

        def start(docs: list[Document], prepare: Callable[[Any], None] | None = None,
                  name: str = "ui.duckdb") -> str:  # fmt: skip
            db = str(tmp_path / name)
            with Store(db) as store:
                for doc in docs:
                    store.save(doc)
            app = create_app(db)
            if prepare is not None:
                prepare(app)
            return stack.enter_context(_serving(app))

        yield start


@pytest.fixture()
def viewport() -> dict[str, int]:
    """The browser window size (a module may override it)."""
    return {"width": 1400, "height": 900}


@pytest.fixture()
def page(server: str, viewport: dict[str, int]) -> Iterator[Any]:
    """A Chromium tab on ``server``'s web UI, loaded and ready; fails the test on JavaScript errors."""
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_context(viewport=viewport).new_page()  # type: ignore[arg-type]
        tab.set_default_timeout(20_000)
        # Offline: anything not served by our own server is refused (and would fail the page).
        tab.route(lambda url: not url.startswith(server), lambda route: route.abort())
        problems: list[str] = []
        tab.on("pageerror", lambda exc: problems.append(str(exc)))
        tab.goto(server + "/")
        tab.wait_for_selector("body[data-ready='1']")
        yield tab
        browser.close()
        assert problems == [], f"JavaScript errors: {problems}"
