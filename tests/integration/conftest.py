"""Fixtures of the API tests: a store file filled with given documents, and a test client over it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tidings.api import create_app
from tidings.model import Document
from tidings.store import Store


@pytest.fixture()
def store_of(tmp_path: Path) -> Callable[..., str]:
    """``store_of(docs, name="api.duckdb")``: a new store file in ``tmp_path`` holding ``docs``; its path."""

    def fill(docs: list[Document], name: str = "api.duckdb") -> str:
        path = str(tmp_path / name)
        with Store(path) as store:
            for doc in docs:
                store.save(doc)
        return path

    return fill


@pytest.fixture()
def client_of() -> Iterator[Callable[..., TestClient]]:
    """``client_of(db_path, **create_app_options)``: a started TestClient, closed at the end of the test."""
    with ExitStack() as stack:

        def start(db_path: str, **options: Any) -> TestClient:
            return stack.enter_context(TestClient(create_app(db_path, **options)))

        yield start
