"""Series of installments as the Step Functions state machine `statemachines/charge_series.asl.json`:
validate -> write the series and all its charges in one transaction -> issue each at Cora (a Map with
bounded concurrency; Cora's unavailability is retried with backoff, a refusal marks only that
installment erro) -> summary.

The API (`start`) validates and plans (ids included) before starting, so an execution's input fully
determines what it writes; re-running it writes nothing new (the series exists) and issues nothing
twice (issuing skips charges that are no longer pendente; Cora's Idempotency-Key covers a retry
whose first answer was lost). A step event names its company only through our own start call: the
state machine is not reachable from outside.
"""

from __future__ import annotations

import json
from typing import Any

from shared import clock, keys
from shared.auth.principal import Principal
from shared.charges import cora, issuing, series, store
from shared.charges.cora_status import EMITIDA, ERRO, PAGA, PENDENTE, VENCIDA
from shared.charges.models import (
    InstallmentPreview,
    SeriesCreate,
    SeriesPreview,
    SeriesPublic,
    SeriesRecord,
)
from shared.charges.service import check_due_date, checked_client, new_record, publics, today
from shared.db.table import Table, TransactionFailed, TransactOp
from shared.errors import AppError, NotFound
from shared.ids import is_valid_id, new_id
from shared.settings import get_settings

STEPS = ("validate", "write", "issue", "issue_failed", "summary")


class StepFailed(Exception):
    """A reason people can act on (pt-BR)."""


def is_step(event: Any) -> bool:
    return isinstance(event, dict) and event.get("step") in STEPS


def plan(data: SeriesCreate) -> list[series.Installment]:
    check_due_date(data.first_due_date, "first_due_date")
    if data.total_cents is not None:
        return series.split_total(data.total_cents, data.installments, data.first_due_date,
                                  interval_months=data.interval_months, today=today())
    return series.repeat_amount(data.installment_cents or 0, data.installments, data.first_due_date,
                                interval_months=data.interval_months, today=today())


def preview(principal: Principal, data: SeriesCreate) -> SeriesPreview:
    parts = plan(data)
    return SeriesPreview(total_cents=sum(p.amount_cents for p in parts),
                         installments=[InstallmentPreview(installment=p.number, due_date=p.due_date,
                                                          amount_cents=p.amount_cents) for p in parts])


def _records(principal: Principal, data: SeriesCreate, series_id: str, charge_ids: list[str]):
    client = checked_client(principal, data)
    parts = plan(data)
    return [new_record(principal, data, client, amount_cents=p.amount_cents, due_date=p.due_date, charge_id=cid,
                       series={"series_id": series_id, "installment": p.number, "installments": len(parts)})
            for p, cid in zip(parts, charge_ids, strict=True)]


def start(principal: Principal, data: SeriesCreate) -> SeriesPublic:
    """Checks everything a person can fix now (422/409), then starts the state machine."""
    tenant = principal.tenant_id or ""
    cora.credentials(tenant)
    series_id = new_id()
    records = _records(principal, data, series_id, [new_id() for _ in range(data.installments)])
    for record in records:
        existing = store.duplicate_of(record)
        if existing:
            raise store.duplicate_error(existing)
    payload = {"series": {"tenant_id": tenant, "id": series_id, "actor_id": principal.user_id,
                          "actor_name": principal.name},
               "plan": {"data": data.model_dump(mode="json"), "charge_ids": [r.id for r in records]}}
    from shared.aws import client as aws

    aws("stepfunctions").start_execution(stateMachineArn=get_settings().charge_series_state_machine_arn,
                                         name=f"{tenant[-10:]}-{series_id}", input=json.dumps(payload))
    return SeriesPublic(id=series_id, client_id=data.client_id, status="processando",
                        total_cents=sum(r.amount_cents for r in records), installments=len(records), issued=0,
                        failed=0, charges=[])


def get(principal: Principal, series_id: str) -> SeriesPublic:
    tenant = principal.tenant_id or ""
    item = Table().get(keys.charge_series(tenant, series_id), consistent=True) \
        if is_valid_id(series_id) else None
    if not item:
        raise NotFound("Parcelamento não encontrado (ainda sendo registrado? tente em instantes).")
    record = SeriesRecord.from_item(item)
    checked = checked_visible(principal, record)
    charges = sorted(store.load_many(tenant, record.charge_ids), key=lambda c: c.installment or 0)
    return SeriesPublic(id=record.id, client_id=record.client_id, status=checked.status,
                        total_cents=record.total_cents, installments=record.installments, issued=record.issued,
                        failed=record.failed, error=record.error, charges=publics(principal, charges))


def checked_visible(principal: Principal, record: SeriesRecord) -> SeriesRecord:
    from shared.clients import service as client_service

    try:
        client_service.get(principal, record.client_id)
    except NotFound:
        raise NotFound("Parcelamento não encontrado.") from None
    return record


# --- the state machine's steps ---------------------------------------------------------------------

def _principal(ref: dict[str, Any]) -> Principal:
    from shared.auth.principal import build_principal, load_account

    user, tenant, roles, _ = load_account(ref["tenant_id"], ref["actor_id"])
    if user is None:
        raise StepFailed("O usuário que pediu o parcelamento não existe mais.")
    return build_principal(user, tenant, roles, session_id="")


def _validate(event: dict[str, Any]) -> dict[str, Any]:
    principal = _principal(event["series"])
    data = SeriesCreate.model_validate(event["plan"]["data"])
    try:
        records = _records(principal, data, event["series"]["id"], event["plan"]["charge_ids"])
    except AppError as exc:
        raise StepFailed(exc.detail) from None
    return {"charge_ids": [r.id for r in records], "total_cents": sum(r.amount_cents for r in records)}


def _write(event: dict[str, Any]) -> dict[str, Any]:
    ref = event["series"]
    tenant = ref["tenant_id"]
    if Table().get(keys.charge_series(tenant, ref["id"]), consistent=True):
        return {"charge_ids": event["plan"]["charge_ids"], "written": False}  # a re-run: already there
    principal = _principal(ref)
    data = SeriesCreate.model_validate(event["plan"]["data"])
    records = _records(principal, data, ref["id"], event["plan"]["charge_ids"])
    now = clock.now_iso()
    header = SeriesRecord(id=ref["id"], tenant_id=tenant, client_id=data.client_id,
                          charge_ids=[r.id for r in records], total_cents=sum(r.amount_cents for r in records),
                          installments=len(records), interval_months=data.interval_months,
                          first_due_date=data.first_due_date, created_by=principal.user_id, created_at=now,
                          updated_at=now)
    ops = [TransactOp("Put", item=header.to_item(), condition="attribute_not_exists(PK)"),
           *store.create_ops(records)]
    try:
        Table().transact(ops)
    except TransactionFailed:
        if Table().get(keys.charge_series(tenant, ref["id"]), consistent=True):
            return {"charge_ids": header.charge_ids, "written": False}
        for record in records:
            existing = store.duplicate_of(record)
            if existing:
                raise StepFailed(store.duplicate_error(existing).detail) from None
        raise StepFailed("Não foi possível registrar o parcelamento. Tente de novo.") from None
    return {"charge_ids": header.charge_ids, "written": True}


def _issue(event: dict[str, Any]) -> dict[str, Any]:
    charge = event["charge"]
    record = issuing.issue(charge["tenant_id"], charge["id"], raise_unavailable=True)
    return {"id": record.id, "status": record.status}


def _issue_failed(event: dict[str, Any]) -> dict[str, Any]:
    """The Map's Catch: an installment whose issue failed for good (Cora stayed unavailable)."""
    charge = event["charge"]
    record = store.load(charge["tenant_id"], charge["id"])
    if record.status != PENDENTE:
        return {"id": record.id, "status": record.status}
    cause = _cause(event.get("error") or {}, "A Cora não respondeu depois de várias tentativas. Use Reemitir.")
    failed = issuing.record_failure(record, cora.CoraUnavailable(cause))
    return {"id": failed.id, "status": failed.status}


def _cause(error: dict[str, Any], fallback: str) -> str:
    """The pt-BR message of the error a Catch recorded (Lambda's errorMessage in its Cause): ours only,
    never an internal error's text."""
    try:
        cause = json.loads(error.get("Cause") or "{}")
    except (TypeError, ValueError, AttributeError):
        cause = {}
    ours = isinstance(cause, dict) and cause.get("errorType") in ("StepFailed", "CoraUnavailable", "CoraRefused")
    message = cause.get("errorMessage") if ours else None
    return str(message or fallback)[:300]


def _summary(event: dict[str, Any]) -> dict[str, Any]:
    ref = event["series"]
    tenant = ref["tenant_id"]
    item = Table().get(keys.charge_series(tenant, ref["id"]), consistent=True)
    if not item:  # validate or write failed: keep the reason where the person will look
        reason = _cause(event.get("error") or {}, "Não foi possível registrar o parcelamento.")
        data, now = event["plan"]["data"], clock.now_iso()
        failed = SeriesRecord(id=ref["id"], tenant_id=tenant, client_id=data["client_id"], charge_ids=[],
                              total_cents=0, installments=data["installments"], interval_months=data["interval_months"],
                              first_due_date=data["first_due_date"], status="com_erro", error=reason,
                              created_by=ref.get("actor_id"), created_at=now, updated_at=now)
        Table().put(failed.to_item())
        return {"status": "com_erro", "reason": reason}
    header = SeriesRecord.from_item(item)
    first_summary = header.status == "processando"
    charges = store.load_many(tenant, header.charge_ids)
    issued = sum(1 for c in charges if c.status in (EMITIDA, VENCIDA, PAGA))
    failed = sum(1 for c in charges if c.status == ERRO)
    status = "com_erro" if failed else "concluida"
    Table().update(keys.charge_series(tenant, ref["id"]), "SET #s = :s, issued = :i, failed = :f, updated_at = :u",
                   names={"#s": "status"}, values={":s": status, ":i": issued, ":f": failed, ":u": clock.now_iso()},
                   return_new=False)
    if first_summary:  # a re-run does not repeat the timeline entry
        _timeline(header, ref, issued, failed)
    return {"status": status, "issued": issued, "failed": failed}


def _timeline(header: SeriesRecord, ref: dict[str, Any], issued: int, failed: int) -> None:
    from shared.br.format import brl
    from shared.timeline import Actor, append, new_event

    text = f"Parcelamento de {brl(header.total_cents)} em {header.installments}x: {issued} emitida(s)"
    if failed:
        text += f", {failed} com erro"
    append(new_event(header.tenant_id, header.client_id, "charge_series", Actor(id=ref.get("actor_id"),
                                                                                 name=ref.get("actor_name")),
                     data={"summary": text, "series_id": header.id}))


def run_step(event: dict[str, Any]) -> dict[str, Any]:
    if not is_step(event):
        raise StepFailed("Etapa desconhecida do parcelamento de cobranças.")
    handler = {"validate": _validate, "write": _write, "issue": _issue, "issue_failed": _issue_failed,
               "summary": _summary}[event["step"]]
    try:
        return {"result": handler(event)}
    except cora.CoraUnavailable:
        raise  # retried by the state machine (Retry on "CoraUnavailable")
    except AppError as exc:
        raise StepFailed(exc.detail) from None
