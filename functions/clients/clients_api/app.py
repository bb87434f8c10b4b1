"""Clients function: the customer base (list, search, register, edit, archive, timeline, notes,
custom fields)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Query, Request

from shared.auth.principal import Principal
from shared.clients import custom_fields, listing, service
from shared.clients.api_models import NoteCreate, TimelineEventPublic
from shared.clients.models import ClientCreate, ClientPublic, ClientUpdate
from shared.http.app import Page, create_app, lambda_handler, new_router
from shared.http.security import requires
from shared.users.repository import names as user_names

router = new_router(prefix="/api/clients", tags=["clients"])
Reader = Annotated[Principal, requires("clientes:read")]
Writer = Annotated[Principal, requires("clientes:write")]
Archiver = Annotated[Principal, requires("clientes:delete")]
Settings = Annotated[Principal, requires("clientes:settings")]
Cursor = Annotated[str | None, Query(max_length=2000)]


def _public(caller: Principal, *records) -> list[ClientPublic]:
    names = user_names(caller.tenant_id or "")
    return [ClientPublic.of(r, names) for r in records]


def filters_from(request: Request, **known) -> listing.ClientFilters:
    custom = {k[3:]: v for k, v in request.query_params.items() if k.startswith("cf.") and v}
    return listing.ClientFilters(**known, custom=custom)


@router.get("")
def list_clients(
    caller: Reader, request: Request,
    q: Annotated[str | None, Query(max_length=100)] = None,
    stage: Annotated[str | None, Query(max_length=40)] = None,
    owner_id: Annotated[str | None, Query(max_length=40)] = None,
    origin: Annotated[str | None, Query(max_length=40)] = None,
    campaign: Annotated[str | None, Query(max_length=120)] = None,
    tag: Annotated[str | None, Query(max_length=40)] = None,
    created_from: date | None = None,
    created_to: date | None = None,
    sort: Literal["created_desc", "created_asc", "name"] = "created_desc",
    archived: bool = False,
    cursor: Cursor = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> Page[ClientPublic]:
    f = filters_from(request, q=q, stage=stage, owner_id=owner_id, origin=origin, campaign=campaign, tag=tag,
                     created_from=created_from, created_to=created_to, sort=sort, archived=archived)
    found, next_cursor = listing.list_clients(caller, f, cursor=cursor, limit=limit)
    return Page(items=_public(caller, *found), next_cursor=next_cursor)


@router.post("", status_code=201)
def create_client(caller: Writer, body: ClientCreate) -> ClientPublic:
    return _public(caller, service.create(caller, body))[0]


@router.get("/custom-fields")
def list_custom_fields(caller: Reader) -> custom_fields.CustomFieldList:
    return custom_fields.CustomFieldList(items=custom_fields.definitions(caller.tenant_id or ""))


@router.put("/custom-fields")
def save_custom_fields(caller: Settings, body: custom_fields.CustomFieldList) -> custom_fields.CustomFieldList:
    return custom_fields.CustomFieldList(items=custom_fields.save_definitions(caller.tenant_id or "", body.items))


@router.get("/{client_id}")
def get_client(caller: Reader, client_id: str) -> ClientPublic:
    return _public(caller, service.get(caller, client_id))[0]


@router.patch("/{client_id}")
def update_client(caller: Writer, client_id: str, body: ClientUpdate) -> ClientPublic:
    return _public(caller, service.update(caller, client_id, body))[0]


@router.delete("/{client_id}")
def archive_client(caller: Archiver, client_id: str) -> ClientPublic:
    return _public(caller, service.set_status(caller, client_id, "archived"))[0]


@router.post("/{client_id}/restore")
def restore_client(caller: Archiver, client_id: str) -> ClientPublic:
    return _public(caller, service.set_status(caller, client_id, "active"))[0]


@router.get("/{client_id}/timeline")
def client_timeline(caller: Reader, client_id: str, cursor: Cursor = None,
                    limit: Annotated[int, Query(ge=1, le=100)] = 30) -> Page[TimelineEventPublic]:
    events, next_cursor = service.timeline(caller, client_id, cursor=cursor, limit=limit)
    return Page(items=[TimelineEventPublic.of(e) for e in events], next_cursor=next_cursor)


@router.post("/{client_id}/notes", status_code=201)
def add_note(caller: Writer, client_id: str, body: NoteCreate) -> TimelineEventPublic:
    return TimelineEventPublic.of(service.add_note(caller, client_id, body.text))


app = create_app(router)
handler = lambda_handler(app)
