"""Issuing a charge at Cora and applying what Cora says about it.

`issue` sends a pendente charge as a Cora invoice (boleto and/or PIX) with an Idempotency-Key derived
from the tenant, the charge and its issue generation, so every retry of one issue names the same
invoice. `apply_invoice` stores Cora's answer: codes (checked before anyone sees them), status (never
backwards, see `cora_status.advance`), payment. Cora's answer is the only source of a payment: the
webhook and "sync now" both re-fetch the invoice and come through here.
"""

from __future__ import annotations

from typing import Any

from shared import clock
from shared.br.documents import clean
from shared.charges import boleto, cora, pix, store
from shared.charges.cora_status import CANCELADA, EMITIDA, ERRO, PAGA, PENDENTE, UnknownStatus, advance, from_cora
from shared.charges.models import ChargeRecord, HistoryEntry, ProviderFailure
from shared.clients import repository as clients
from shared.clients.models import ClientRecord
from shared.errors import Conflict
from shared.observability import logger

UNAVAILABLE = "indisponivel"  # our code for "Cora did not answer": a retry must reuse the same key


def invoice_body(record: ChargeRecord, client: ClientRecord) -> dict[str, Any]:
    """Our charge as Cora's invoice: customer, one service, payment terms and forms."""
    document = clean(client.document or "")
    customer: dict[str, Any] = {"name": client.display_name[:60],
                                "document": {"identity": document, "type": "CNPJ" if len(document) == 14 else "CPF"}}
    if client.email:
        customer["email"] = client.email
    address = client.address
    if address and address.street and address.city and address.state and address.cep:
        customer["address"] = {"street": address.street, "number": address.number or "S/N",
                               "district": address.district or "", "city": address.city, "state": address.state,
                               "complement": address.complement or "", "zip_code": clean(address.cep)}
    terms: dict[str, Any] = {"due_date": record.due_date.isoformat()}
    if record.fine_percent:
        terms["fine"] = {"rate": record.fine_percent}
    if record.interest_percent:
        terms["interest"] = {"rate": record.interest_percent}
    label = record.description
    if record.installment and record.installments:
        label = f"{record.description} ({record.installment}/{record.installments})"
    forms = [{"boleto": "BANK_SLIP", "pix": "PIX"}[f] for f in record.forms]
    return {"code": record.id, "customer": customer,
            "services": [{"name": label[:100], "description": label[:100], "amount": record.amount_cents}],
            "payment_terms": terms, "payment_forms": forms}


def checked_codes(invoice: dict[str, Any]) -> tuple[dict[str, str | None], list[str]]:
    """Barcode, linha digitável, PDF link and PIX code from Cora's answer; codes that fail their check
    digits are dropped (and reported) rather than shown to a payer."""
    slip = ((invoice.get("payment_options") or {}).get("bank_slip") or {})
    emv = (invoice.get("pix") or {}).get("emv")
    problems = []
    barcode, line = slip.get("barcode"), slip.get("digitable")
    if barcode and not boleto.is_valid_barcode(str(barcode)):
        problems.append("código de barras")
        barcode = None
    if line and not boleto.is_valid_digitable_line(str(line)):
        problems.append("linha digitável")
        line = None
    if emv and not pix.is_valid_emv(str(emv)):
        problems.append("PIX copia e cola")
        emv = None
    clean_line = "".join(ch for ch in str(line) if ch.isdigit()) if line else None
    return {"barcode": barcode, "digitable_line": clean_line, "pdf_url": slip.get("url"), "pix_emv": emv}, problems


def _paid(invoice: dict[str, Any]) -> tuple[int | None, str | None]:
    payments = [p for p in invoice.get("payments") or [] if isinstance(p, dict)]
    when = next((p.get("paid_at") or p.get("date") or p.get("created_at") for p in payments
                 if p.get("paid_at") or p.get("date") or p.get("created_at")), None)
    total = invoice.get("total_paid")
    amount = int(total) if isinstance(total, int | float) and total else \
        sum(int(p.get("amount") or 0) for p in payments)
    return (amount or None), (str(when) if when else clock.now_iso())


def apply_invoice(record: ChargeRecord, invoice: dict[str, Any], *, text: str | None = None,
                  actor_name: str | None = None) -> ChargeRecord:
    """Stores Cora's view of the invoice on the charge; returns the charge as it now is."""
    from shared.charges import payments

    try:
        incoming = from_cora(str(invoice.get("status") or ""))
    except UnknownStatus:
        logger.warning("cora: unknown invoice status", extra={"status": str(invoice.get("status"))[:40]})
        incoming = record.status
    status = advance(record.status, incoming)
    codes, problems = checked_codes(invoice)
    updates: dict[str, Any] = {"status": status, "provider_id": invoice.get("id") or record.provider_id}
    updates.update({k: v for k, v in codes.items() if v or getattr(record, k) is None})
    if status != ERRO:
        updates["error"] = None
    note = text
    if problems:
        note = f"{text or 'Atualizada pela Cora'}; descartado por dígito verificador inválido: {', '.join(problems)}"
    became_paid = status == PAGA and record.status != PAGA
    if became_paid:
        updates["paid_cents"], updates["paid_at"] = _paid(invoice)
        note = note or "Pagamento confirmado pela Cora"
    elif status != record.status and not note:
        note = f"Situação na Cora: {invoice.get('status')}"
    unchanged = all(getattr(record, k) == v for k, v in updates.items())
    if unchanged and not note:
        return record
    history = HistoryEntry(at=clock.now_iso(), status=status, text=note or "Atualizada pela Cora",
                           actor_name=actor_name)
    extra = payments.paid_ops(record, updates["paid_cents"]) if became_paid else []
    new = store.change(record, updates, history=history, extra=extra)
    from shared.charges import reminders

    if became_paid:
        payments.after_payment(new)
    elif new.status == CANCELADA and record.status != CANCELADA:
        reminders.cancel_pending(new)
    elif new.status == EMITIDA and record.status in (PENDENTE, ERRO):
        reminders.schedule(new)
    return new


def record_failure(record: ChargeRecord, exc: cora.CoraError, *, actor_name: str | None = None) -> ChargeRecord:
    code = UNAVAILABLE if isinstance(exc, cora.CoraUnavailable) else (exc.code or (str(exc.status) if exc.status
                                                                                    else None))
    failure = ProviderFailure(code=code, message=exc.detail, at=clock.now_iso())
    history = HistoryEntry(at=failure.at, status=ERRO, text=f"Erro na emissão: {exc.detail}", actor_name=actor_name)
    return store.change(record, {"status": ERRO, "error": failure}, history=history)


def issue(tenant_id: str, charge_id: str, *, raise_unavailable: bool = False,
          actor_name: str | None = None) -> ChargeRecord:
    """Issues a pendente charge at Cora (anything else is returned as it is: issuing twice is a no-op).

    A refusal marks the charge erro with Cora's message. When Cora is unavailable, the state machine
    (`raise_unavailable`) lets the error go up to be retried with the same Idempotency-Key; an API call
    records erro instead (Reemitir reuses the key, so nothing is issued twice).
    """
    record = store.load(tenant_id, charge_id)
    if record.status != PENDENTE:
        return record
    client = clients.get(tenant_id, record.client_id)
    key = cora.idempotency_key(tenant_id, record.id, record.issue_generation)
    try:
        with cora.client_for(tenant_id) as session:
            invoice = session.create_invoice(invoice_body(record, client), key)
    except cora.CoraUnavailable as exc:
        if raise_unavailable:
            raise
        return record_failure(record, exc, actor_name=actor_name)
    except cora.CoraError as exc:
        return record_failure(record, exc, actor_name=actor_name)
    except cora.CoraNotConfigured as exc:
        return record_failure(record, cora.CoraRefused(exc.detail), actor_name=actor_name)
    try:
        return apply_invoice(record, invoice, text="Emitida na Cora", actor_name=actor_name)
    except Conflict:
        return store.load(tenant_id, charge_id)  # changed meanwhile (e.g. another issue of the same): as it is


def retry_generation(record: ChargeRecord) -> int:
    """The generation a re-issue uses: the same when Cora never answered (it may have created the
    invoice: the same key returns it), the next one after a refusal (a new request)."""
    if record.error and record.error.code == UNAVAILABLE:
        return record.issue_generation
    return record.issue_generation + 1


def sync(record: ChargeRecord, *, actor_name: str | None = None) -> ChargeRecord:
    """Re-reads the invoice from Cora with the company's own credentials."""
    if not record.provider_id:
        raise Conflict("Esta cobrança ainda não foi emitida na Cora.")
    with cora.client_for(record.tenant_id) as session:
        invoice = session.get_invoice(record.provider_id)
    return apply_invoice(record, invoice, text=None, actor_name=actor_name)

