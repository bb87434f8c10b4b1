"""Clients in and out as spreadsheets: CSV import (upload, preview, start, progress, per-row report)
and the CSV export of the list's current filter. Included by app.py before its `/{client_id}` routes.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, File, Query, Request, Response, UploadFile

from shared.auth.principal import Principal
from shared.clients import exporting, importing, listing
from shared.errors import ValidationFailed
from shared.http.app import Page, new_router
from shared.http.security import requires

router = new_router()
Importer = Annotated[Principal, requires("clientes:import")]
Exporter = Annotated[Principal, requires("clientes:export")]


def client_filters(
    request: Request,
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
) -> listing.ClientFilters:
    """The client list's filters (also `cf.<key>=<value>` per custom field): the list and its export."""
    custom = {k[3:]: v for k, v in request.query_params.items() if k.startswith("cf.") and v}
    return listing.ClientFilters(q=q, stage=stage, owner_id=owner_id, origin=origin, campaign=campaign, tag=tag,
                                 created_from=created_from, created_to=created_to, sort=sort, archived=archived,
                                 custom=custom)


Filters = Annotated[listing.ClientFilters, Depends(client_filters)]


@router.get("/export", response_class=Response,
            responses={200: {"content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}},
                             "description": "CSV (UTF-8 com BOM, separador `;`)"}})
def export_clients(caller: Exporter, f: Filters) -> Response:
    return Response(exporting.export_csv(caller, f), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{exporting.file_name()}"'})


@router.post("/imports", status_code=201)
def upload_import(caller: Importer, file: Annotated[UploadFile | None, File()] = None) -> importing.ImportPublic:
    if file is None or not hasattr(file, "file"):
        raise ValidationFailed("Envie um arquivo CSV.", field="file")
    return importing.upload(caller, file.filename, file.file.read(importing.MAX_BYTES + 1))


@router.get("/imports/{import_id}")
def get_import(caller: Importer, import_id: str) -> importing.ImportPublic:
    return importing.public(caller, import_id)


@router.post("/imports/{import_id}/start")
def start_import(caller: Importer, import_id: str, body: importing.ImportStart) -> importing.ImportPublic:
    return importing.start(caller, import_id, body)


@router.get("/imports/{import_id}/rows")
def import_rows(caller: Importer, import_id: str, outcome: importing.Outcome | None = None,
                cursor: Annotated[str | None, Query(max_length=2000)] = None,
                limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[importing.ImportRow]:
    rows, next_cursor = importing.rows(caller, import_id, outcome=outcome, cursor=cursor, limit=limit)
    return Page(items=rows, next_cursor=next_cursor)
