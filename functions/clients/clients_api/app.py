"""Clients function: the customer base (list, search, register, edit, archive, timeline, notes,
custom fields), CSV import/export, merging and LGPD (transfer.py, care.py) and its background jobs
(worker.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from clients_api import care, transfer, worker
from shared.auth.principal import Principal
from shared.clients import custom_fields, listing, service
from shared.clients.api_models import NoteCreate, TimelineEventPublic
from shared.clients.models import ClientCreate, ClientPublic, ClientUpdate
from shared.http.app import Page, create_app, lambda_handler, new_router
from shared.http.security import requires
from shared.users.repository import names as user_names

router = new_router(prefix="/api/clients", tags=["clients"])
router.include_router(transfer.router)  # /export and /imports... before "/{client_id}": matched in order
router.include_router(care.router)
Reader = Annotated[Principal, requires("clientes:read")]
Writer = Annotated[Principal, requires("clientes:write")]
Archiver = Annotated[Principal, requires("clientes:delete")]
Settings = Annotated[Principal, requires("clientes:settings")]
Cursor = Annotated[str | None, Query(max_length=2000)]


def _public(caller: Principal, *records) -> list[ClientPublic]:
    names = user_names(caller.tenant_id or "")
    return [ClientPublic.of(r, names) for r in records]


@router.get("")
def list_clients(
    caller: Reader, f: transfer.Filters, cursor: Cursor = None, limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> Page[ClientPublic]:
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
handler = worker.serve(lambda_handler(app))
