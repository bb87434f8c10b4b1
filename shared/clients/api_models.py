"""Request and response shapes of the clients API that are not the client itself."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from shared.timeline import Change, TimelineEvent


class NoteCreate(BaseModel):
    text: str = Field(min_length=1, max_length=5000)


class TimelineEventPublic(BaseModel):
    id: str
    kind: str
    at: str
    actor_id: str | None
    actor_name: str | None
    summary: str
    changes: list[Change]
    from_stage: str | None
    to_stage: str | None
    text: str | None
    data: dict[str, Any]

    @classmethod
    def of(cls, event: TimelineEvent) -> TimelineEventPublic:
        from shared.clients.summaries import summary

        return cls(**event.model_dump(include=set(cls.model_fields) - {"summary"}), summary=summary(event))
