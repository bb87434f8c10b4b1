"""Charges function: cobranças issued through each company's Cora account (routes under /api/charges),
Cora's payment webhook (/webhooks/cora/{hook_id}) and the Task states of the installment-series state
machine (events with a "step")."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query, Request

from shared.auth.principal import Principal
from shared.charges.models import (
    ChargeCreate,
    ChargePublic,
    ChargeSettings,
    ChargeTotals,
    SeriesCreate,
    SeriesPreview,
    SeriesPublic,
)
from shared.http.app import Page, create_app, lambda_handler, new_router
from shared.http.security import public, requires

# The charges services (and the Cora client, clients and documents code behind them) load on the first
# request, webhook or state-machine step that needs them, not at import: the cold start stays light.

charges = new_router(prefix="/api/charges", tags=["charges"])
hooks = new_router(prefix="/webhooks/cora", tags=["charges"])
Reader = Annotated[Principal, requires("cobrancas:read")]
Writer = Annotated[Principal, requires("cobrancas:write")]
Id = Annotated[str | None, Query(max_length=40)]
Status = Literal["pendente", "emitida", "paga", "vencida", "cancelada", "erro"]


def _one(caller: Principal, record) -> ChargePublic:
    from shared.charges import service

    return service.publics(caller, [record])[0]


@charges.get("")
def list_charges(caller: Reader, client_id: Id = None, status: Status | None = None, due_from: date | None = None,
                 due_to: date | None = None, cursor: Annotated[str | None, Query(max_length=2000)] = None,
                 limit: Annotated[int, Query(ge=1, le=100)] = 50) -> Page[ChargePublic]:
    from shared.charges import service

    records, next_cursor = service.list_charges(caller, client_id=client_id, status=status, due_from=due_from,
                                                due_to=due_to, cursor=cursor, limit=limit)
    return Page(items=service.publics(caller, records), next_cursor=next_cursor)


@charges.get("/totals")
def charge_totals(caller: Reader, client_id: Id = None, due_from: date | None = None,
                  due_to: date | None = None) -> ChargeTotals:
    from shared.charges import service

    return service.totals(caller, client_id=client_id, due_from=due_from, due_to=due_to)


@charges.post("", status_code=201)
def create_charge(caller: Writer, body: ChargeCreate) -> ChargePublic:
    from shared.charges import service

    return _one(caller, service.create(caller, body))


@charges.post("/series/preview")
def preview_series(caller: Writer, body: SeriesCreate) -> SeriesPreview:
    from shared.charges import series_flow

    return series_flow.preview(caller, body)


@charges.post("/series", status_code=202)
def create_series(caller: Writer, body: SeriesCreate) -> SeriesPublic:
    from shared.charges import series_flow

    return series_flow.start(caller, body)


@charges.get("/series/{series_id}")
def get_series(caller: Reader, series_id: str) -> SeriesPublic:
    from shared.charges import series_flow

    return series_flow.get(caller, series_id)


@charges.get("/settings")
def get_charge_settings(caller: Reader) -> ChargeSettings:
    from shared.charges.settings import load_settings

    return load_settings(caller.tenant_id or "")


@charges.put("/settings")
def save_charge_settings(caller: Writer, body: ChargeSettings) -> ChargeSettings:
    from shared.charges.settings import save_settings

    return save_settings(caller.tenant_id or "", body)


@charges.get("/{charge_id}")
def get_charge(caller: Reader, charge_id: str) -> ChargePublic:
    from shared.charges import service

    return _one(caller, service.get(caller, charge_id))


@charges.post("/{charge_id}/cancel")
def cancel_charge(caller: Writer, charge_id: str) -> ChargePublic:
    from shared.charges import service

    return _one(caller, service.cancel(caller, charge_id))


@charges.post("/{charge_id}/reissue")
def reissue_charge(caller: Writer, charge_id: str) -> ChargePublic:
    from shared.charges import service

    return _one(caller, service.reissue(caller, charge_id))


@charges.post("/{charge_id}/sync")
def sync_charge(caller: Reader, charge_id: str) -> ChargePublic:
    from shared.charges import service

    return _one(caller, service.sync(caller, charge_id))


@charges.post("/{charge_id}/simulate-payment")
def simulate_payment(caller: Writer, charge_id: str) -> ChargePublic:
    from shared.charges import service

    return _one(caller, service.simulate_payment(caller, charge_id))


@hooks.post("/{hook_id}", dependencies=[public()])
def cora_webhook(hook_id: str, request: Request) -> dict[str, str]:
    from shared.charges import webhook

    return webhook.handle(hook_id, request.headers)


router = new_router()  # the function's routes, as the local stack and the OpenAPI schema take them
router.include_router(charges)
router.include_router(hooks)
app = create_app(router)
_http = lambda_handler(app)


def handler(event: dict[str, Any], context: Any) -> Any:
    """HTTP requests through Mangum; the series state machine's Task states to the series flow."""
    if isinstance(event, dict) and "step" in event and "requestContext" not in event:
        from shared.charges import series_flow

        return series_flow.run_step(event)
    return _http(event, context)
