"""The client timeline: one newest-first list of everything that happened to a client.

Every module appends through `event_op` (inside its own transaction, so the event exists exactly
when the change does) or `append` (standalone). Summaries are written in pt-BR at read time.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from shared import clock, keys
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.records import Record
from shared.db.table import Table, TransactOp
from shared.ids import new_id


class Change(BaseModel):
    field: str
    label: str
    before: Any = None
    after: Any = None


class TimelineEvent(Record):
    entity = "timeline"

    id: str
    tenant_id: str
    client_id: str
    kind: str
    at: str
    actor_id: str | None = None
    actor_name: str | None = None
    changes: list[Change] = Field(default_factory=list)
    from_stage: str | None = None
    to_stage: str | None = None
    text: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)

    def keys(self) -> dict[str, str]:
        return dict(keys.timeline_event(self.tenant_id, self.client_id, self.at, self.id))


class Actor(BaseModel):
    id: str | None = None
    name: str | None = None


SYSTEM = Actor(id=None, name="Sistema")


def new_event(tenant_id: str, client_id: str, kind: str, actor: Actor, **fields: Any) -> TimelineEvent:
    return TimelineEvent(id=new_id(), tenant_id=tenant_id, client_id=client_id, kind=kind, at=clock.now_iso(),
                         actor_id=actor.id, actor_name=actor.name, **fields)


def event_op(event: TimelineEvent) -> TransactOp:
    return TransactOp("Put", item=event.to_item(), condition="attribute_not_exists(PK)")


def append(event: TimelineEvent) -> TimelineEvent:
    Table().put(event.to_item(), condition="attribute_not_exists(PK)")
    return event


def page(tenant_id: str, client_id: str, *, cursor: str | None, limit: int) -> tuple[list[TimelineEvent], str | None]:
    result = Table().query(keys.client(tenant_id, client_id).pk, sk_prefix=keys.TIMELINE_PREFIX, forward=False,
                           limit=limit, start_key=decode_cursor(cursor, tenant_id))
    return [TimelineEvent.from_item(i) for i in result.items], encode_cursor(result.last_key, tenant_id)


def all_events(tenant_id: str, client_id: str) -> list[TimelineEvent]:
    items = Table().query_all(keys.client(tenant_id, client_id).pk, sk_prefix=keys.TIMELINE_PREFIX)
    return [TimelineEvent.from_item(i) for i in items]
