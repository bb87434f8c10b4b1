"""Catálogo: the company's plans, products and services (`/api/catalog`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from shared.auth.principal import Principal
from shared.catalog import service
from shared.catalog.models import CatalogItemCreate, CatalogItemPublic, CatalogItemUpdate, Kind
from shared.http.app import Page, new_router
from shared.http.security import requires

router = new_router(prefix="/api/catalog", tags=["catalog"])
Reader = Annotated[Principal, requires("financeiro:read")]
Writer = Annotated[Principal, requires("financeiro:write")]


@router.get("")
def list_catalog(caller: Reader, q: Annotated[str | None, Query(max_length=100)] = None, kind: Kind | None = None,
                 active: bool = True, cursor: Annotated[str | None, Query(max_length=2000)] = None,
                 limit: Annotated[int, Query(ge=1, le=100)] = 50) -> Page[CatalogItemPublic]:
    """By name. `q`: prefix of any word of the name or of the SKU, accents ignored. `active=false`: the
    archived items."""
    items, next_cursor = service.list_items(caller, q=q, kind=kind, active=active, cursor=cursor, limit=limit)
    return Page(items=[CatalogItemPublic.of(i) for i in items], next_cursor=next_cursor)


@router.post("", status_code=201)
def create_item(caller: Writer, body: CatalogItemCreate) -> CatalogItemPublic:
    return CatalogItemPublic.of(service.create(caller, body))


@router.get("/{item_id}")
def get_item(caller: Reader, item_id: str) -> CatalogItemPublic:
    return CatalogItemPublic.of(service.get(caller, item_id))


@router.patch("/{item_id}")
def update_item(caller: Writer, item_id: str, body: CatalogItemUpdate) -> CatalogItemPublic:
    return CatalogItemPublic.of(service.update(caller, item_id, body))


@router.post("/{item_id}/archive")
def archive_item(caller: Writer, item_id: str) -> CatalogItemPublic:
    return CatalogItemPublic.of(service.set_active(caller, item_id, False))


@router.post("/{item_id}/unarchive")
def unarchive_item(caller: Writer, item_id: str) -> CatalogItemPublic:
    return CatalogItemPublic.of(service.set_active(caller, item_id, True))
