"""The REST API and web UI of ``tidings serve`` (FastAPI; static files ship in ``static/``)."""

from __future__ import annotations

from tidings.api.app import create_app

__all__ = ["create_app"]
