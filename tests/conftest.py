"""Shared test fixtures. The spaCy model is loaded once per session, and only by tests that ask for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repo (seeds, gold, corpus); tests needing it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline tidings uses (cached)."""
    from tidings.stages.parse import load_model

    return load_model(None)
