"""Charges use cases: create (and issue at once), read, list with totals, cancel (also at Cora),
re-issue after erro, sync now, and Cora's stage "pay" for the sandbox. Series of installments are in
`shared.charges.series_flow`."""

from __future__ import annotations

from datetime import date
from typing import Any

from shared import clock, keys
from shared.auth.principal import Principal
from shared.br.documents import clean
from shared.charges import cora, issuing, store
from shared.charges.boleto import format_digitable_line
from shared.charges.cora_status import CANCELADA, EMITIDA, ERRO, PAGA, PENDENTE, VENCIDA
from shared.charges.models import (
    STATUS_LABELS,
    ChargeCreate,
    ChargeFields,
    ChargePublic,
    ChargeRecord,
    ChargeTotals,
    HistoryEntry,
)
from shared.charges.settings import load_settings
from shared.clients import service as client_service
from shared.clients.models import ClientRecord
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.table import Table
from shared.errors import Conflict, NotFound, ValidationFailed
from shared.ids import new_id
from shared.timeline import append, new_event


def _tenant(principal: Principal) -> str:
    return principal.tenant_id or ""


def today() -> date:
    return clock.to_local(clock.now()).date()


def shown_status(record: ChargeRecord, on: date | None = None) -> str:
    """An issued charge past its due date is vencida even before Cora says LATE."""
    if record.status == EMITIDA and record.due_date < (on or today()):
        return VENCIDA
    return record.status


def get(principal: Principal, charge_id: str) -> ChargeRecord:
    """The charge, if the caller sees its client (404 otherwise: another company's, or not theirs)."""
    record = store.load(_tenant(principal), charge_id)
    try:
        client_service.get(principal, record.client_id)
    except NotFound:
        raise NotFound(store.NOT_FOUND) from None
    return record


# --- creating ------------------------------------------------------------------------------------

def checked_client(principal: Principal, data: ChargeFields) -> ClientRecord:
    client = client_service.get(principal, data.client_id)
    if client.status == "anonymized":
        raise ValidationFailed("Este cliente foi anonimizado (LGPD): não é possível cobrar.", field="client_id")
    if len(clean(client.document or "")) not in (11, 14):
        raise ValidationFailed("Cadastre o CPF ou CNPJ do cliente: a Cora exige o documento do pagador.",
                               field="client_id")
    if data.card_id and data.card_id != client.card_id:
        raise ValidationFailed("O card informado não é deste cliente.", field="card_id")
    if data.contract_id:
        _check_contract(principal, client, data.contract_id)
    return client


def _check_contract(principal: Principal, client: ClientRecord, contract_id: str) -> None:
    from shared.documents import service as documents

    try:
        document = documents.load(_tenant(principal), contract_id)
    except NotFound:
        raise ValidationFailed("Contrato não encontrado.", field="contract_id") from None
    if document.client_id != client.id or document.kind != "contrato":
        raise ValidationFailed("O documento informado não é um contrato deste cliente.", field="contract_id")


def check_due_date(due: date, field: str = "due_date") -> None:
    if due < today():
        raise ValidationFailed("O vencimento não pode estar no passado.", field=field)


def new_record(principal: Principal, data: ChargeFields, client: ClientRecord, *, amount_cents: int, due_date: date,
               charge_id: str | None = None, series: dict[str, Any] | None = None) -> ChargeRecord:
    defaults = load_settings(_tenant(principal)) if data.fine_percent is None or data.interest_percent is None else None
    fine = data.fine_percent if data.fine_percent is not None else defaults.default_fine_percent
    interest = data.interest_percent if data.interest_percent is not None else defaults.default_interest_percent
    now = clock.now_iso()
    record = ChargeRecord(
        id=charge_id or new_id(), tenant_id=_tenant(principal), client_id=client.id, client_name=client.display_name,
        owner_id=client.owner_id, card_id=data.card_id or client.card_id, contract_id=data.contract_id,
        description=data.description, amount_cents=amount_cents, due_date=due_date, forms=data.forms,
        fine_percent=fine, interest_percent=interest, created_by=principal.user_id, created_at=now, updated_at=now,
        **(series or {}))
    record.history = [HistoryEntry(at=now, status=PENDENTE, text="Cobrança criada", actor_name=principal.name)]
    return record


def create(principal: Principal, data: ChargeCreate) -> ChargeRecord:
    """A manual charge, issued at Cora right away (erro with Cora's reason if it refuses)."""
    client = checked_client(principal, data)
    check_due_date(data.due_date)
    cora.credentials(_tenant(principal))  # not set up: say so before storing anything
    record = new_record(principal, data, client, amount_cents=data.amount_cents, due_date=data.due_date)
    store.insert(record)
    return issuing.issue(record.tenant_id, record.id, actor_name=principal.name)


# --- reading -------------------------------------------------------------------------------------

def _status_filter(status: str | None, on: date) -> tuple[str | None, dict[str, Any]]:
    if not status:
        return None, {}
    if status == VENCIDA:
        return "(#st = :vencida OR (#st = :emitida AND due_date < :today))", \
            {":vencida": VENCIDA, ":emitida": EMITIDA, ":today": on.isoformat()}
    if status == EMITIDA:
        return "#st = :emitida AND due_date >= :today", {":emitida": EMITIDA, ":today": on.isoformat()}
    return "#st = :status", {":status": status}


def list_charges(principal: Principal, *, client_id: str | None, status: str | None, due_from: date | None,
                 due_to: date | None, cursor: str | None, limit: int) -> tuple[list[ChargeRecord], str | None]:
    tenant = _tenant(principal)
    if due_from and due_to and due_from > due_to:
        raise ValidationFailed("A data inicial deve ser anterior à final.", field="due_from")
    if client_id:
        client_service.get(principal, client_id)
        index, pk = "GSI2", keys.charges_by_client_pk(tenant, client_id)
    else:
        index, pk = "GSI1", keys.charges_pk(tenant)
    expression, values = _status_filter(status, today())
    names = {"#st": "status"} if expression else {}
    if not client_service.sees_all(principal):
        expression = f"({expression}) AND owner_id = :me" if expression else "owner_id = :me"
        values[":me"] = principal.user_id
    low = (due_from.isoformat() if due_from else "0000") + "#"
    high = (due_to.isoformat() if due_to else "9999") + "#~"
    page = Table().query(pk, index=index, sk_between=(low, high), forward=False, limit=limit,
                         start_key=decode_cursor(cursor, principal.scope), filter_expression=expression,
                         names=names or None, values=values or None)
    return [ChargeRecord.from_item(i) for i in page.items], encode_cursor(page.last_key, principal.scope)


def totals(principal: Principal, *, client_id: str | None, due_from: date | None, due_to: date | None) -> ChargeTotals:
    """Still to receive, overdue and received among the charges due in the period."""
    found: list[ChargeRecord] = []
    cursor = None
    while True:
        page, cursor = list_charges(principal, client_id=client_id, status=None, due_from=due_from, due_to=due_to,
                                    cursor=cursor, limit=500)
        found.extend(page)
        if not cursor:
            break
    on = today()
    figures = {k: 0 for k in ChargeTotals.model_fields}
    for record in found:
        status = shown_status(record, on)
        name = {PAGA: "paid", VENCIDA: "overdue"}.get(status, "pending" if status in (PENDENTE, EMITIDA, ERRO) else "")
        if not name:
            continue
        figures[f"{name}_count"] += 1
        received = record.paid_cents or record.amount_cents
        figures[f"{name}_cents"] += received if status == PAGA else record.amount_cents
    return ChargeTotals(**figures)


def publics(principal: Principal, records: list[ChargeRecord]) -> list[ChargePublic]:
    stage = _cora_stage(_tenant(principal)) if any(r.provider_id for r in records) else False
    on = today()
    return [public(r, on=on, stage=stage) for r in records]


def _cora_stage(tenant_id: str) -> bool:
    from shared.integrations.service import get_config

    return cora.is_stage(get_config(tenant_id, "cora").settings.environment)


def public(record: ChargeRecord, *, on: date, stage: bool) -> ChargePublic:
    status = shown_status(record, on)
    return ChargePublic(
        **record.model_dump(include={"id", "client_id", "client_name", "card_id", "contract_id", "description",
                                     "amount_cents", "due_date", "forms", "fine_percent", "interest_percent",
                                     "series_id", "installment", "installments", "provider_id", "barcode",
                                     "digitable_line", "pdf_url", "pix_emv", "paid_cents", "paid_at", "error",
                                     "history", "created_at", "updated_at"}),
        status=status, status_label=STATUS_LABELS[status],
        digitable_line_formatted=format_digitable_line(record.digitable_line) if record.digitable_line else None,
        can_cancel=status not in (PAGA, CANCELADA), can_reissue=status == ERRO,
        can_simulate_payment=stage and bool(record.provider_id) and status in (EMITIDA, VENCIDA))


# --- changing ------------------------------------------------------------------------------------

def cancel(principal: Principal, charge_id: str) -> ChargeRecord:
    """Cancels the charge, at Cora first when it was issued there (a paid one cannot be cancelled)."""
    record = get(principal, charge_id)
    if record.status in (PAGA, CANCELADA):
        raise Conflict(f"Esta cobrança já está {STATUS_LABELS[record.status].lower()}.")
    if record.provider_id:
        with cora.client_for(record.tenant_id) as session:
            try:
                session.cancel_invoice(record.provider_id)
            except cora.CoraRefused:
                invoice = session.get_invoice(record.provider_id)  # perhaps paid meanwhile: store what Cora says
                current = issuing.apply_invoice(record, invoice, actor_name=principal.name)
                if current.status != CANCELADA:
                    raise Conflict("A Cora não cancelou esta cobrança: ela está "
                                   f"{STATUS_LABELS[shown_status(current)].lower()}.") from None
                return current
    history = HistoryEntry(at=clock.now_iso(), status=CANCELADA, text="Cobrança cancelada", actor_name=principal.name)
    new = store.change(record, {"status": CANCELADA}, history=history)
    from shared.charges import reminders

    reminders.cancel_pending(new)
    append(new_event(new.tenant_id, new.client_id, "charge_cancelled", client_service.actor(principal),
                     data={"summary": f"Cobrança cancelada: {new.description}", "charge_id": new.id}))
    return new


def reissue(principal: Principal, charge_id: str) -> ChargeRecord:
    record = get(principal, charge_id)
    if record.status != ERRO:
        raise Conflict("Só uma cobrança com erro pode ser reemitida.")
    check_due_date(record.due_date)
    history = HistoryEntry(at=clock.now_iso(), status=PENDENTE, text="Reemissão pedida", actor_name=principal.name)
    store.change(record, {"status": PENDENTE, "issue_generation": issuing.retry_generation(record)}, history=history)
    return issuing.issue(record.tenant_id, record.id, actor_name=principal.name)


def sync(principal: Principal, charge_id: str) -> ChargeRecord:
    return issuing.sync(get(principal, charge_id), actor_name=principal.name)


def simulate_payment(principal: Principal, charge_id: str) -> ChargeRecord:
    """Cora's stage "pay" endpoint (sandbox and stage accounts only): the webhook follows as in real life."""
    record = get(principal, charge_id)
    if not record.provider_id or shown_status(record) not in (EMITIDA, VENCIDA):
        raise Conflict("Só uma cobrança emitida e não paga pode ter o pagamento simulado.")
    if not _cora_stage(record.tenant_id):
        raise Conflict("Simular pagamento só existe no ambiente de testes (stage) da Cora.")
    with cora.client_for(record.tenant_id) as session:
        invoice = session.pay_invoice(record.provider_id)
    return issuing.apply_invoice(record, invoice, text="Pagamento simulado (ambiente de testes da Cora)",
                                 actor_name=principal.name)
