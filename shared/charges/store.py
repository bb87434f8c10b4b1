"""Storing charges: the first write (with its duplicate guard and the open-charge counter) and every
later change of a charge, each one conditional on the version it read, so a retried or concurrent
change applies once and the counters move exactly with the status.

Counters: `charge_stats` keeps the count and sum of open charges (pendente, emitida, vencida, erro);
the day counters (`shared.dashboard.counters`) get `received_count` / `received_cents` on payment.
"""

from __future__ import annotations

from typing import Any

from shared import clock, keys
from shared.br.format import brl, day
from shared.charges.models import OPEN_STATUSES, ChargeRecord, HistoryEntry
from shared.db.table import Table, TransactionFailed, TransactOp
from shared.errors import Conflict, NotFound
from shared.ids import is_valid_id

NOT_FOUND = "Cobrança não encontrada."
HISTORY_LIMIT = 50


def load(tenant_id: str, charge_id: str) -> ChargeRecord:
    item = Table().get(keys.charge(tenant_id, charge_id), consistent=True) if is_valid_id(charge_id) else None
    if not item:
        raise NotFound(NOT_FOUND)
    return ChargeRecord.from_item(item)


def load_many(tenant_id: str, charge_ids: list[str]) -> list[ChargeRecord]:
    items = Table().batch_get([keys.charge(tenant_id, cid) for cid in charge_ids], consistent=True)
    return [ChargeRecord.from_item(i) for i in items if i]


def _stats_op(tenant_id: str, count: int, cents: int) -> TransactOp:
    return TransactOp("Update", key=keys.charge_stats(tenant_id), update="ADD open_count :n, open_cents :c",
                      values={":n": count, ":c": cents})


def entry(record: ChargeRecord, text: str, actor_name: str | None = None, status: str | None = None) -> HistoryEntry:
    return HistoryEntry(at=clock.now_iso(), status=status or record.status, text=text, actor_name=actor_name)


def create_ops(records: list[ChargeRecord]) -> list[TransactOp]:
    """The charges, their duplicate guards and one update of the open counter (one per item: a
    transaction may not touch an item twice)."""
    ops = []
    for record in records:
        ops.append(TransactOp("Put", item=record.to_item(), condition="attribute_not_exists(PK)"))
        ops.append(TransactOp("Put", item={**record.guard_key(), "charge_id": record.id,
                                           "tenant_id": record.tenant_id}, condition="attribute_not_exists(PK)"))
    ops.append(_stats_op(records[0].tenant_id, len(records), sum(r.amount_cents for r in records)))
    return ops


def duplicate_of(record: ChargeRecord) -> ChargeRecord | None:
    """The live charge that holds this one's guard (same client, due date and amount), if any."""
    guard = Table().get(record.guard_key(), consistent=True)
    if not guard or guard.get("charge_id") == record.id:
        return None
    try:
        return load(record.tenant_id, guard["charge_id"])
    except NotFound:
        return None


def duplicate_error(existing: ChargeRecord) -> Conflict:
    return Conflict(f"Já existe uma cobrança deste cliente com vencimento em {day(existing.due_date)} e valor "
                    f"{brl(existing.amount_cents)} ({existing.description}). Cancele-a antes de criar outra igual.",
                    field="due_date", extra={"existing_charge_id": existing.id})


def insert(record: ChargeRecord, extra: list[TransactOp] = ()) -> ChargeRecord:
    try:
        Table().transact([*create_ops([record]), *extra])
    except TransactionFailed:
        existing = duplicate_of(record)
        if existing:
            raise duplicate_error(existing) from None
        raise Conflict("Não foi possível registrar a cobrança agora. Tente de novo.") from None
    return record


def change(old: ChargeRecord, updates: dict[str, Any], *, history: HistoryEntry | None = None,
           extra: list[TransactOp] = ()) -> ChargeRecord:
    """Replaces the charge (guarded by its version) with the counters its status change implies.

    Raises Conflict when someone else changed it first (the caller re-reads and decides again).
    """
    new = old.model_copy(update={**updates, "version": old.version + 1, "updated_at": clock.now_iso()})
    if history:
        new.history = [*old.history, history][-HISTORY_LIMIT:]
    ops = [TransactOp("Put", item=new.to_item(), condition="version = :v", values={":v": old.version}), *extra]
    was_open, is_open = old.status in OPEN_STATUSES, new.status in OPEN_STATUSES
    if was_open and not is_open:
        ops.append(_stats_op(old.tenant_id, -1, -old.amount_cents))
    elif is_open and not was_open:
        ops.append(_stats_op(old.tenant_id, 1, new.amount_cents))
    if new.status == "cancelada" and old.status != "cancelada":
        ops.append(TransactOp("Delete", key=old.guard_key(), condition="attribute_not_exists(PK) OR charge_id = :id",
                               values={":id": old.id}))
    if new.provider_id and new.provider_id != old.provider_id:
        ops.append(TransactOp("Put", item={**keys.charge_invoice_ref(old.tenant_id, new.provider_id),
                                           "charge_id": old.id, "tenant_id": old.tenant_id}))
    try:
        Table().transact(ops)
    except TransactionFailed:
        raise Conflict("Esta cobrança mudou ao mesmo tempo em outro lugar. Recarregue e confira.") from None
    return new


def charge_for_invoice(tenant_id: str, invoice_id: str) -> ChargeRecord | None:
    """Our charge behind a Cora invoice id, looked up only inside the given company."""
    if not invoice_id or len(invoice_id) > 100:
        return None
    ref = Table().get(keys.charge_invoice_ref(tenant_id, invoice_id), consistent=True)
    if not ref:
        return None
    try:
        return load(tenant_id, ref["charge_id"])
    except NotFound:
        return None
