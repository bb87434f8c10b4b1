"""What a confirmed payment does: in the same transaction as the charge turning paga, the client's
timeline entry and the Dashboard's received figures; afterwards, as the company chose, the card moves
to Cliente Ativo and a receipt (recibo) is made. The after-effects never undo the payment: a failure
there is logged and left for a person."""

from __future__ import annotations

from shared.br.format import brl, day
from shared.charges.models import ChargeRecord, ChargeSettings
from shared.dashboard.counters import CounterDelta
from shared.db.table import TransactOp
from shared.errors import AppError
from shared.observability import logger
from shared.timeline import SYSTEM, event_op, new_event

ACTIVE_STAGE = "cliente_ativo"


def label(record: ChargeRecord) -> str:
    part = f" ({record.installment}/{record.installments})" if record.installment and record.installments else ""
    return f"{record.description}{part}"


def paid_ops(record: ChargeRecord, paid_cents: int | None) -> list[TransactOp]:
    amount = paid_cents or record.amount_cents
    event = new_event(record.tenant_id, record.client_id, "charge_paid", SYSTEM, text=label(record),
                      data={"summary": f"Cobrança paga: {brl(amount)} — {label(record)}", "charge_id": record.id,
                            "amount_cents": amount})
    return [event_op(event), *CounterDelta(record.tenant_id).payment(amount).ops()]


def after_payment(record: ChargeRecord) -> None:
    from shared.charges import reminders
    from shared.charges.settings import load_settings

    reminders.cancel_pending(record)
    settings = load_settings(record.tenant_id)
    if settings.move_card_on_payment:
        _activate(record)
    if settings.receipt_on_payment:
        _receipt(record, settings)


def _activate(record: ChargeRecord) -> None:
    from shared.clients import repository as clients
    from shared.funnel import service as funnel
    from shared.funnel.models import MoveRequest
    from shared.funnel.stages import PROGRESSION
    from shared.leads.contacts import system_principal

    try:
        client = clients.get(record.tenant_id, record.client_id)
        if client.stage not in PROGRESSION or PROGRESSION.index(client.stage) >= PROGRESSION.index(ACTIVE_STAGE):
            return
        funnel.move(system_principal(record.tenant_id, "Cora"), client.card_id, MoveRequest(stage=ACTIVE_STAGE))
    except AppError as exc:
        logger.warning("charge paid: card not moved", extra={"reason": exc.detail, "charge_id": record.id})


def _receipt(record: ChargeRecord, settings: ChargeSettings) -> None:
    """A receipt document for the payment, generated (PDF) by the documents state machine."""
    from shared.documents import service as documents
    from shared.documents import workflow
    from shared.documents.models import DocumentCreate
    from shared.leads.contacts import system_principal

    principal = system_principal(record.tenant_id, "Cora")
    try:
        draft = documents.create(principal, DocumentCreate(
            kind="recibo", client_id=record.client_id, card_id=record.card_id,
            items=[{"description": label(record)[:200], "quantity": 1,
                    "unit_price_cents": record.paid_cents or record.amount_cents}],
            notes=f"Pagamento recebido pela Cora em {day(record.paid_at)}."))
        workflow.start(principal, draft.id)
    except AppError as exc:
        logger.warning("charge paid: receipt not made", extra={"reason": exc.detail, "charge_id": record.id})
