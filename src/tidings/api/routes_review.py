"""Review endpoints: mark an event right or wrong with corrections, list and export reviews, and add a
phrase to the analyst's actor dictionary (all through :mod:`tidings.review`, like ``tidings review``)."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from tidings import review
from tidings.api.app import MAX_PAGE, ApiError, ApiState, state_of
from tidings.errors import ConfigError, StoreError

router = APIRouter()


class ReviewIn(BaseModel):
    """An analyst's verdict on one event."""

    verdict: Literal["right", "wrong"]
    corrections: dict[str, str | None] = Field(
        default_factory=dict,
        description="corrected fields: " + ", ".join(review.CORRECTABLE),
    )
    note: str | None = Field(default=None, max_length=2000)


class ActorPhraseIn(BaseModel):
    """A phrase to add to the user actor dictionary."""

    phrase: str = Field(min_length=1, max_length=200, description="the words that name the actor")
    country: str | None = Field(default=None, max_length=5, description="ISO3 or IGO code, e.g. IND")
    sector: str | None = Field(default=None, max_length=5, description="PLOVER sector, e.g. COP")
    name: str | None = Field(default=None, max_length=200, description="canonical name (default: the phrase)")


def _writable(state: ApiState) -> None:
    if state.read_only:
        raise ApiError(403, "this server is read-only; start it without --read-only to review")


@router.post(
    "/events/{event_id}/review", status_code=201, summary="Mark an event right or wrong, with corrections"
)
def review_event(request: Request, event_id: str, body: ReviewIn) -> dict[str, Any]:
    """Store a review (verdict, corrected fields, note, time); the latest review of an event counts.

    Answers 404 for an unknown event, 422 for an unknown field or a malformed value.
    """
    state = state_of(request)
    _writable(state)
    try:
        with state.lock:
            return review.add_review(state.store, event_id, body.verdict, body.corrections, body.note)
    except ConfigError as exc:
        raise ApiError(422, str(exc)) from exc
    except StoreError as exc:
        if "no event" in str(exc):
            raise ApiError(404, str(exc)) from exc
        raise


@router.get("/reviews", summary="The latest review of every reviewed event, newest first")
def reviews(request: Request, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> dict[str, Any]:
    """Reviews with the event's type, sides and sentence."""
    items = review.latest_reviews(state_of(request).store)
    return {"items": items[:limit], "total": len(items), "limit": limit, "offset": 0}


@router.get("/reviews/export", summary="Reviewed events in the real-news gold format (JSONL download)")
def reviews_export(
    request: Request,
    with_text: Annotated[bool, Query(description="put each document's text in its line")] = False,
) -> Response:
    """One JSON line per document with standoff offsets into the stored text, as tidings review export writes."""
    lines = review.gold_documents(state_of(request).store, with_text)
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    return Response(body, media_type="application/x-ndjson",
                    headers={"content-disposition": 'attachment; filename="reviews.jsonl"'})  # fmt: skip


@router.post("/actors/dictionary", status_code=201, summary="Add a phrase to the user actor dictionary")
def add_actor(request: Request, body: ActorPhraseIn) -> dict[str, Any]:
    """Write the phrase as an organisation entry of the user YAML file (read by --actors and by later
    ingests of this server); answers the entry and the file."""
    state = state_of(request)
    _writable(state)
    try:
        entry = review.add_actor_phrase(state.actors_file, body.phrase, body.country, body.sector, body.name)
    except ConfigError as exc:
        raise ApiError(422, str(exc)) from exc
    state.forget_pipeline()
    return {"entry": entry, "file": str(state.actors_file)}
