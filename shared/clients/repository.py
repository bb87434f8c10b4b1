"""Writes a client and everything that must agree with it in one transaction:

the client item (guarded by its version), its funnel card projection, the uniqueness guards of its
document / WhatsApp / e-mail, its search terms, the Dashboard counters and its timeline events.
"""

from __future__ import annotations

from collections.abc import Iterable

from shared import keys
from shared.clients import search
from shared.clients.models import ClientRecord
from shared.dashboard.counters import CounterDelta
from shared.db.table import Table, TransactionFailed, TransactOp
from shared.errors import Conflict, NotFound
from shared.ids import is_valid_id
from shared.timeline import TimelineEvent, event_op

NOT_FOUND = "Cliente não encontrado."
GUARDED = {"document": "CPF/CNPJ", "whatsapp": "WhatsApp", "email": "e-mail"}


class DuplicateClient(Conflict):
    def __init__(self, field: str, existing_id: str, existing_name: str):
        super().__init__(f"Já existe um cliente com este {GUARDED[field]}: {existing_name}.", field=field,
                         extra={"existing_client_id": existing_id})
        self.existing_client_id = existing_id


def get(tenant_id: str, client_id: str) -> ClientRecord:
    item = Table().get(keys.client(tenant_id, client_id)) if is_valid_id(client_id) else None
    if not item:
        raise NotFound(NOT_FOUND)
    return ClientRecord.from_item(item)


def get_many(tenant_id: str, client_ids: list[str]) -> list[ClientRecord]:
    if not client_ids:
        return []
    items = Table().batch_get([keys.client(tenant_id, cid) for cid in client_ids])
    return [ClientRecord.from_item(i) for i in items if i]


def _guard_values(client: ClientRecord | None) -> dict[str, str]:
    if client is None or client.archived:
        return {}
    return {f: v for f in GUARDED if (v := getattr(client, f))}


def counters_for(old: ClientRecord | None, new: ClientRecord) -> CounterDelta:
    """What this write changes in the Dashboard: derived from the two versions, so it nets out."""
    delta = CounterDelta(new.tenant_id)
    if old is not None and not old.archived:
        delta.card(old.stage, old.values.opportunity_value_cents or 0, -1, old.owner_id)
    if not new.archived:
        delta.card(new.stage, new.values.opportunity_value_cents or 0, +1, new.owner_id)
    if old is None:
        delta.lead(new.origin, new.campaign, new.owner_id)
    for milestone in sorted(set(new.milestones) - set(old.milestones if old else [])):
        delta.milestone(milestone, new.values.opportunity_value_cents or 0, new.owner_id)
    return delta


def save(old: ClientRecord | None, new: ClientRecord, events: Iterable[TimelineEvent] = (),
         extra: Iterable[TransactOp] = ()) -> ClientRecord:
    """Persist `new` (over `old`, or as a new client). Raises DuplicateClient or Conflict."""
    tenant = new.tenant_id
    if old is None:
        ops = [TransactOp("Put", item=new.to_item(), condition="attribute_not_exists(PK)")]
    else:
        new = new.model_copy(update={"version": old.version + 1})
        ops = [TransactOp("Put", item=new.to_item(), condition="version = :v", values={":v": old.version})]
    if new.archived:
        ops.append(TransactOp("Delete", key=keys.card(tenant, new.card_id)))
    else:
        from shared.funnel.models import card_item  # the board's models load when a client is written

        ops.append(TransactOp("Put", item=card_item(new)))

    guard_at: dict[int, str] = {}
    before, after = _guard_values(old), _guard_values(new)
    for field in GUARDED:
        if before.get(field) == after.get(field):
            continue
        if field in before:
            ops.append(TransactOp("Delete", key=keys.client_guard(tenant, field, before[field]),
                                  condition="attribute_not_exists(PK) OR client_id = :id", values={":id": new.id}))
        if field in after:
            guard_at[len(ops)] = field
            ops.append(TransactOp("Put", item={**keys.client_guard(tenant, field, after[field]), "client_id": new.id},
                                  condition="attribute_not_exists(PK)"))

    old_terms = search.terms(old) if old else set()
    new_terms = search.terms(new)
    for term in old_terms - new_terms:
        ops.append(TransactOp("Delete", key=keys.search_term(tenant, term, new.id)))
    owner_changed = old is None or old.owner_id != new.owner_id  # terms carry the owner: rewrite them all
    for term in new_terms if owner_changed else new_terms - old_terms:
        ops.append(TransactOp("Put", item=search.term_item(new, term)))

    ops += counters_for(old, new).ops()
    ops += [event_op(e) for e in events]
    ops += list(extra)
    try:
        Table().transact(ops)
    except TransactionFailed as exc:
        _explain(exc, tenant, guard_at, after)
    return new


def _explain(exc: TransactionFailed, tenant: str, guard_at: dict[int, str], values: dict[str, str]) -> None:
    for index, field in guard_at.items():
        if exc.failed_at(index):
            guard = Table().get(keys.client_guard(tenant, field, values[field]), consistent=True) or {}
            existing = guard.get("client_id")
            name = "(cliente removido)"
            if existing:
                item = Table().get(keys.client(tenant, existing))
                name = ClientRecord.from_item(item).display_name if item else name
            raise DuplicateClient(field, existing or "", name) from exc
    if exc.failed_at(0):
        raise Conflict("Este cliente foi alterado por outra pessoa. Recarregue e tente de novo.") from exc
    raise exc
