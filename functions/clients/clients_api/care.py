"""Taking care of the customer base: merging duplicates, and LGPD requests (a copy of a client's data,
anonymization)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Response

from shared.auth.principal import Principal
from shared.clients import lgpd, merging
from shared.clients.models import ClientPublic, ClientRecord
from shared.http.app import new_router
from shared.http.security import requires
from shared.users.repository import names as user_names

router = new_router()
Merger = Annotated[Principal, requires("clientes:merge")]
Lgpd = Annotated[Principal, requires("clientes:lgpd")]


def _public(caller: Principal, record: ClientRecord) -> ClientPublic:
    return ClientPublic.of(record, user_names(caller.tenant_id or ""))


@router.post("/{client_id}/merge")
def merge_clients(caller: Merger, client_id: str, body: merging.MergeRequest) -> ClientPublic:
    return _public(caller, merging.merge(caller, client_id, body))


@router.get("/{client_id}/lgpd-export")
def lgpd_export(caller: Lgpd, client_id: str, response: Response) -> lgpd.LgpdExport:
    data = lgpd.export(caller, client_id)
    response.headers["Content-Disposition"] = f'attachment; filename="cliente-{data.client["id"]}.json"'
    return data


@router.post("/{client_id}/anonymize")
def anonymize_client(caller: Lgpd, client_id: str) -> ClientPublic:
    return _public(caller, lgpd.anonymize(caller, client_id))
