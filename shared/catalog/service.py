"""Catalog use cases: list/search, create, read, edit, archive/unarchive; lookups for documents.

One write of an item is one `TransactWriteItems`: the item (conditioned on its version), its SKU
guard (claimed when the SKU is new, released when it changes or is cleared) and its search terms.
Archived items (`active` false) leave the default list but stay readable by id: documents issued
before keep pointing at them, and they keep their SKU.
"""

from __future__ import annotations

import hashlib

from pydantic import BaseModel

from shared import clock, keys
from shared.auth.principal import Principal
from shared.catalog import search
from shared.catalog.models import CatalogItemCreate, CatalogItemFields, CatalogItemRecord, sku_key
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.table import Table, TransactionFailed, TransactOp, serialize
from shared.errors import Conflict, NotFound
from shared.ids import is_valid_id, new_id

NOT_FOUND = "Item do catálogo não encontrado."
CHANGED = "Este item do catálogo foi alterado por outra pessoa. Recarregue e tente de novo."
MAX_READS = 6  # term pages read to fill one page of search results


def _tenant(principal: Principal) -> str:
    if not principal.tenant_id:
        raise NotFound(NOT_FOUND)
    return principal.tenant_id


# --- reads ---------------------------------------------------------------------------------------

def get_item(tenant_id: str, item_id: str) -> CatalogItemRecord | None:
    """An item of the company by id, active or archived (None if it does not exist). For documents."""
    if not is_valid_id(item_id):
        return None
    item = Table().get(keys.catalog_item(tenant_id, item_id))
    return CatalogItemRecord.from_item(item) if item else None


def get_items(tenant_id: str, item_ids: list[str]) -> dict[str, CatalogItemRecord]:
    """Several items by id (missing and malformed ids are left out). One BatchGetItem per 100 ids."""
    ids = list(dict.fromkeys(i for i in item_ids if is_valid_id(i)))
    found = Table().batch_get([keys.catalog_item(tenant_id, i) for i in ids]) if ids else []
    return {item["id"]: CatalogItemRecord.from_item(item) for item in found if item}


def get(principal: Principal, item_id: str) -> CatalogItemRecord:
    item = get_item(_tenant(principal), item_id)
    if item is None:
        raise NotFound(NOT_FOUND)
    return item


def list_items(principal: Principal, *, q: str | None = None, kind: str | None = None, active: bool = True,
               cursor: str | None = None, limit: int = 50) -> tuple[list[CatalogItemRecord], str | None]:
    """By name; `q` searches words of the name and the SKU by prefix, accents ignored."""
    tenant = _tenant(principal)
    start = decode_cursor(cursor, tenant)
    if q is not None and q.strip():
        return _search(tenant, q, kind=kind, active=active, start=start, limit=limit)
    if kind:
        index, pk = "GSI2", keys.catalog_by_kind_pk(tenant, kind, active=active)
    else:
        index, pk = "GSI1", keys.catalog_pk(tenant, active=active)
    page = Table().query(pk, index=index, limit=limit, start_key=start)
    return [CatalogItemRecord.from_item(i) for i in page.items], encode_cursor(page.last_key, tenant)


def _search(tenant: str, q: str, *, kind: str | None, active: bool, start: dict | None,
            limit: int) -> tuple[list[CatalogItemRecord], str | None]:
    prefix = search.query_prefix(q)
    if prefix is None:
        return [], None
    found: list[CatalogItemRecord] = []
    table = Table()
    for _ in range(MAX_READS):
        page = table.query(keys.catalog_search_pk(tenant), sk_prefix=prefix, limit=limit * 2, start_key=start)
        hits = [t for t in page.items if t.get("active") is active and (not kind or t.get("kind") == kind)
                and search.first_match(t, prefix)]
        items = get_items(tenant, [t["item_id"] for t in hits])
        for term in hits:
            item = items.get(term["item_id"])
            if item and item.active is active and (not kind or item.kind == kind) and search.matches(item, q):
                found.append(item)
                if len(found) == limit:  # continue right after this term
                    return found, encode_cursor(serialize({"PK": term["PK"], "SK": term["SK"]}), tenant)
        start = page.last_key
        if not start:
            break
    return found, encode_cursor(start, tenant)


# --- writes --------------------------------------------------------------------------------------

def _existing_sku_owner(tenant: str, sku: str) -> CatalogItemRecord | None:
    guard = Table().get(keys.catalog_sku_guard(tenant, sku_key(sku)), consistent=True)
    return get_item(tenant, guard["item_id"]) if guard else None


def _sku_taken(tenant: str, sku: str) -> Conflict:
    owner = _existing_sku_owner(tenant, sku)
    if owner is None:  # released meanwhile: the person may simply try again
        return Conflict(f"O SKU {sku} acabou de ser alterado em outro item. Tente de novo.", field="sku")
    archived = " (arquivado)" if not owner.active else ""
    return Conflict(f"O SKU {sku} já é usado pelo item \"{owner.name}\"{archived}.", field="sku",
                    extra={"existing_item_id": owner.id})


def _save(old: CatalogItemRecord | None, new: CatalogItemRecord) -> CatalogItemRecord:
    tenant = new.tenant_id
    if old is None:
        ops = [TransactOp("Put", item=new.to_item(), condition="attribute_not_exists(PK)")]
    else:
        new = new.model_copy(update={"version": old.version + 1})
        ops = [TransactOp("Put", item=new.to_item(), condition="version = :v", values={":v": old.version})]
    claim_at = None
    old_sku = sku_key(old.sku) if old and old.sku else None
    new_sku = sku_key(new.sku) if new.sku else None
    if new_sku and new_sku != old_sku:
        claim_at = len(ops)
        ops.append(TransactOp("Put", item={**keys.catalog_sku_guard(tenant, new_sku), "item_id": new.id,
                                           "entity": "catalog_sku"}, condition="attribute_not_exists(PK)"))
    if old_sku and old_sku != new_sku:
        ops.append(TransactOp("Delete", key=keys.catalog_sku_guard(tenant, old_sku), condition="item_id = :id",
                              values={":id": new.id}))
    new_terms = search.term_items(new)
    kept = {t["SK"] for t in new_terms}
    if old is not None:
        ops += [TransactOp("Delete", key=keys.catalog_search_term(tenant, term, old.id))
                for term in search.terms(old) if keys.catalog_search_term(tenant, term, old.id).sk not in kept]
    ops += [TransactOp("Put", item=term) for term in new_terms]
    try:
        Table().transact(ops)
    except TransactionFailed as exc:
        if exc.failed_at(0):
            raise Conflict(CHANGED) from exc
        if claim_at is not None and exc.failed_at(claim_at):
            raise _sku_taken(tenant, new.sku or "") from exc
        raise
    return new


def _record(tenant: str, data: CatalogItemFields, actor: str | None, item_id: str | None = None) -> CatalogItemRecord:
    now = clock.now_iso()
    return CatalogItemRecord(id=item_id or new_id(), tenant_id=tenant, **data.model_dump(), created_by=actor,
                             updated_by=actor, created_at=now, updated_at=now)


def create(principal: Principal, data: CatalogItemCreate) -> CatalogItemRecord:
    tenant = _tenant(principal)
    if data.sku and _existing_sku_owner(tenant, data.sku):  # the common case answered early and clearly
        raise _sku_taken(tenant, data.sku)
    return _save(None, _record(tenant, data, principal.user_id))


def update(principal: Principal, item_id: str, data: BaseModel) -> CatalogItemRecord:
    old = get(principal, item_id)
    sent = data.model_dump(exclude_unset=True)
    if not sent:
        return old
    merged = CatalogItemFields.model_validate({**old.fields(), **sent})
    changes = {k: v for k, v in merged.model_dump().items() if getattr(old, k) != v}
    if not changes:
        return old
    if "sku" in changes and merged.sku and (owner := _existing_sku_owner(old.tenant_id, merged.sku)) \
            and owner.id != old.id:
        raise _sku_taken(old.tenant_id, merged.sku)
    new = old.model_copy(update={**changes, "updated_by": principal.user_id, "updated_at": clock.now_iso()})
    return _save(old, CatalogItemRecord.model_validate(new.model_dump()))


def set_active(principal: Principal, item_id: str, active: bool) -> CatalogItemRecord:
    """Archive (`active` false: out of the default list, still readable by id) or bring back."""
    old = get(principal, item_id)
    if old.active is active:
        return old
    new = old.model_copy(update={"active": active, "updated_by": principal.user_id, "updated_at": clock.now_iso()})
    return _save(old, new)


# --- demo ----------------------------------------------------------------------------------------

DEMO_ITEMS = [
    {"name": "Plano Essencial de Marketing", "kind": "plano", "price_cents": 49_000, "recurrence": "mensal",
     "sku": "PLN-ESS", "description": "Gestão de redes sociais com 12 publicações por mês e relatório mensal."},
    {"name": "Plano Performance Anual", "kind": "plano", "price_cents": 1_188_000, "recurrence": "anual",
     "sku": "PLN-PERF-12", "description": "Tráfego pago, landing page e acompanhamento semanal por 12 meses."},
    {"name": "Criação de Site Institucional", "kind": "servico", "price_cents": 350_000, "recurrence": "unica",
     "sku": "SRV-SITE", "description": "Site responsivo de até 5 páginas, com formulário de contato."},
    {"name": "Sessão de Fotografia de Produtos", "kind": "servico", "price_cents": 89_000, "recurrence": "unica",
     "sku": "SRV-FOTO"},
    {"name": "Kit de Cartões de Visita (500 un.)", "kind": "produto", "price_cents": 18_990, "recurrence": "unica",
     "sku": "PRD-CARTAO-500"},
    {"name": "Consultoria de Posicionamento", "kind": "servico", "price_cents": 120_000, "recurrence": "unica",
     "active": False, "description": "Substituída pelo Plano Performance."},
]


def _stable_id(tenant_id: str, name: str) -> str:
    from ulid import ULID

    return str(ULID.from_bytes(hashlib.sha256(f"catalog-demo:{tenant_id}:{name}".encode()).digest()[:16]))


def seed_demo(tenant_id: str) -> list[str]:
    """A few plans, services and products for the local demo company. Idempotent (ids derive from names)."""
    ids = []
    for raw in DEMO_ITEMS:
        item_id = _stable_id(tenant_id, raw["name"])
        ids.append(item_id)
        if get_item(tenant_id, item_id) is None:
            try:
                _save(None, _record(tenant_id, CatalogItemCreate.model_validate(raw), None, item_id))
            except Conflict:
                continue  # created meanwhile, or its SKU is taken by an item of the company's own
    return ids
