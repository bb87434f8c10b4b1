"""Master operations: plans and companies. The only code that reads across tenants."""

from __future__ import annotations

from shared import clock, keys
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.table import ConditionFailed, Table, TransactionFailed, TransactOp
from shared.errors import NotFound, ValidationFailed
from shared.ids import is_valid_id, new_id
from shared.platform.models import (
    PlanCreate,
    PlanRecord,
    PlanUpdate,
    TenantCreate,
    TenantRecord,
    TenantUpdate,
)
from shared.users import repository as users_repository
from shared.users.models import UserRecord
from shared.users.service import new_user_record

PLATFORM_SCOPE = "platform"
PLAN_NOT_FOUND = "Plano não encontrado."
TENANT_NOT_FOUND = "Empresa não encontrada."


# --- plans -----------------------------------------------------------------------------------

def list_plans() -> list[PlanRecord]:
    items = Table().query_all(keys.PLANS_PK, sk_prefix="PLAN#")
    return sorted((PlanRecord.from_item(i) for i in items), key=lambda p: (p.monthly_price_cents, p.name))


def get_plan(plan_id: str, *, field: str | None = None) -> PlanRecord:
    item = Table().get(keys.plan(plan_id)) if is_valid_id(plan_id) else None
    if not item:
        if field:
            raise ValidationFailed(PLAN_NOT_FOUND, field=field)
        raise NotFound(PLAN_NOT_FOUND)
    return PlanRecord.from_item(item)


def create_plan(data: PlanCreate, *, plan_id: str | None = None) -> PlanRecord:
    now = clock.now_iso()
    plan = PlanRecord(id=plan_id or new_id(), created_at=now, updated_at=now, **data.model_dump())
    Table().put(plan.to_item(), condition="attribute_not_exists(PK)")
    return plan


def update_plan(plan_id: str, data: PlanUpdate) -> PlanRecord:
    old = get_plan(plan_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    plan = old.model_copy(update={**changes, "updated_at": clock.now_iso()})
    Table().put(plan.to_item(), condition="updated_at = :prev", values={":prev": old.updated_at})
    _refresh_tenants_of(plan)
    return plan


def _refresh_tenants_of(plan: PlanRecord) -> None:
    """Companies keep a copy of their plan (one read per request); bring the copies up to date."""
    table = Table()
    for item in table.query_all(keys.tenants_by_plan_pk(plan.id), index="GSI2"):
        try:
            table.update(keys.tenant(item["id"]),
                         "SET plan_name = :n, plan_modules = :m, user_limit = :l, updated_at = :now",
                         condition="plan_id = :pid",
                         values={":n": plan.name, ":m": plan.modules, ":l": plan.user_limit,
                                 ":now": clock.now_iso(), ":pid": plan.id}, return_new=False)
        except ConditionFailed:
            continue  # the company moved to another plan meanwhile


# --- tenants ---------------------------------------------------------------------------------

def list_tenants(*, cursor: str | None, limit: int) -> tuple[list[TenantRecord], str | None]:
    page = Table().query(keys.TENANT_REGISTRY_GSI1PK, index="GSI1", limit=limit, forward=False,
                         start_key=decode_cursor(cursor, PLATFORM_SCOPE))
    return [TenantRecord.from_item(i) for i in page.items], encode_cursor(page.last_key, PLATFORM_SCOPE)


def get_tenant(tenant_id: str) -> TenantRecord:
    item = Table().get(keys.tenant(tenant_id)) if is_valid_id(tenant_id) else None
    if not item:
        raise NotFound(TENANT_NOT_FOUND)
    return TenantRecord.from_item(item)


def create_tenant(data: TenantCreate, *, tenant_id: str | None = None,
                  admin_id: str | None = None) -> tuple[TenantRecord, UserRecord]:
    plan = get_plan(data.plan_id, field="plan_id")
    now = clock.now_iso()
    tenant = TenantRecord(id=tenant_id or new_id(), name=data.name.strip(), plan_id=plan.id, plan_name=plan.name,
                          plan_modules=plan.modules, user_limit=plan.user_limit, user_count=1,
                          created_at=now, updated_at=now)
    admin = new_user_record(tenant.id, data.admin_name.strip(), data.admin_email,
                            "administrador", data.admin_password, password_field="admin_password")
    if admin_id:
        admin = admin.model_copy(update={"id": admin_id})
    ops = [TransactOp("Put", item=tenant.to_item(), condition="attribute_not_exists(PK)"),
           *users_repository.insert_ops(admin)]
    try:
        Table().transact(ops)
    except TransactionFailed as exc:
        users_repository.raise_for(exc, email_at=2)
    return tenant, admin


def update_tenant(tenant_id: str, data: TenantUpdate) -> TenantRecord:
    old = get_tenant(tenant_id)
    update: dict = {"updated_at": clock.now_iso()}
    if data.name is not None:
        update["name"] = data.name.strip()
    if data.plan_id is not None and data.plan_id != old.plan_id:
        plan = get_plan(data.plan_id, field="plan_id")
        update |= {"plan_id": plan.id, "plan_name": plan.name, "plan_modules": plan.modules,
                   "user_limit": plan.user_limit}
    if data.module_overrides is not None:
        overrides = dict(old.module_overrides)
        for module, value in data.module_overrides.items():
            if value is None:
                overrides.pop(module, None)
            else:
                overrides[module] = value
        update["module_overrides"] = overrides
    return _save_tenant(old, update)


def set_tenant_status(tenant_id: str, status: str) -> TenantRecord:
    old = get_tenant(tenant_id)
    if old.status == status:
        return old
    return _save_tenant(old, {"status": status, "updated_at": clock.now_iso()})


def _save_tenant(old: TenantRecord, update: dict) -> TenantRecord:
    new = old.model_copy(update=update)
    # user_count is maintained by user writes: never overwrite it with a stale copy.
    item = new.to_item()
    item.pop("user_count")
    names = {f"#{k}": k for k in item if k not in ("PK", "SK")}
    values = {f":{k}": v for k, v in item.items() if k not in ("PK", "SK")}
    expression = "SET " + ", ".join(f"#{k} = :{k}" for k in item if k not in ("PK", "SK"))
    try:
        saved = Table().update(keys.tenant(old.id), expression, condition="updated_at = :prev",
                               names=names, values={**values, ":prev": old.updated_at})
    except ConditionFailed:
        from shared.errors import Conflict

        raise Conflict("Esta empresa foi alterada por outra pessoa. Recarregue e tente de novo.") from None
    return TenantRecord.from_item(saved or {})
