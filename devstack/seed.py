"""Demo data for the local stack (never run in an AWS deploy). Safe to run twice.

Ids are derived from names, so a second run finds what the first created and adds nothing.
"""

from __future__ import annotations

import hashlib

from ulid import ULID

from shared import clock, keys
from shared.auth.permissions import MODULES
from shared.db.table import Table, TransactionFailed
from shared.errors import Conflict
from shared.platform import service as platform
from shared.platform.models import PlanCreate, TenantCreate
from shared.users import repository as users_repository
from shared.users.service import new_user_record

DEMO_PASSWORD = "Demo@2026"
MASTER_EMAIL = "master@impacte.local"
DEMO_COMPANY = "Impacte Demo"
DEMO_USERS = [
    ("administrador", "Ana Administradora", "admin@demo.local"),
    ("gerente", "Gustavo Gerente", "gerente@demo.local"),
    ("financeiro", "Fernanda Financeiro", "financeiro@demo.local"),
    ("vendedor", "Vitor Vendedor", "vendedor@demo.local"),
    ("atendente", "Alice Atendente", "atendente@demo.local"),
    ("suporte", "Sérgio Suporte", "suporte@demo.local"),
]
PLANS = [
    ("Essencial", 14900, 3, ["dashboard", "clientes", "funil", "whatsapp", "tarefas", "agendamentos", "suporte"]),
    ("Profissional", 29900, 10, ["dashboard", "clientes", "funil", "whatsapp", "tarefas", "agendamentos",
                                 "financeiro", "cobrancas", "documentos", "relatorios", "integracoes", "suporte"]),
    ("Completo", 49900, 30, list(MODULES)),
]


def stable_id(name: str) -> str:
    return str(ULID.from_bytes(hashlib.sha256(f"impacte-demo:{name}".encode()).digest()[:16]))


def _ensure_plans() -> dict[str, str]:
    ids = {}
    for name, price, limit, modules in PLANS:
        plan_id = stable_id(f"plan:{name}")
        ids[name] = plan_id
        if Table().get(keys.plan(plan_id)) is None:
            platform.create_plan(PlanCreate(name=name, monthly_price_cents=price, user_limit=limit,
                                            modules=modules), plan_id=plan_id)
    return ids


def _ensure_master() -> None:
    if Table().get(keys.email_guard(MASTER_EMAIL)):
        return
    user = new_user_record(None, "Equipe Master", MASTER_EMAIL, "master", DEMO_PASSWORD)
    user = user.model_copy(update={"id": stable_id("user:master")})
    Table().transact(users_repository.insert_ops(user))


def _ensure_company(plan_id: str) -> str:
    tenant_id = stable_id("tenant:demo")
    role, name, email = DEMO_USERS[0]
    if Table().get(keys.tenant(tenant_id)) is None:
        platform.create_tenant(
            TenantCreate(name=DEMO_COMPANY, plan_id=plan_id, admin_name=name, admin_email=email,
                         admin_password=DEMO_PASSWORD),
            tenant_id=tenant_id, admin_id=stable_id(f"user:{email}"),
        )
    for role, name, email in DEMO_USERS[1:]:
        if Table().get(keys.email_guard(email)):
            continue
        user = new_user_record(tenant_id, name, email, role, DEMO_PASSWORD)
        user = user.model_copy(update={"id": stable_id(f"user:{email}")})
        try:
            users_repository.insert(user)
        except (Conflict, TransactionFailed):
            continue
    return tenant_id


def seed(*, with_clients: bool = False) -> dict[str, str]:
    """Plans, the master user and the demo company with one user per role; `with_clients` adds a
    lived-in customer base (the local stack does; tests start from an empty one)."""
    plans = _ensure_plans()
    _ensure_master()
    tenant_id = _ensure_company(plans["Completo"])
    if with_clients:
        from devstack.demo_clients import seed_clients

        seed_clients(tenant_id)
    return {"tenant_id": tenant_id, "seeded_at": clock.now_iso()}


def demo_logins() -> list[tuple[str, str, str]]:
    """(label, e-mail, password) of every demo account, for the start banner and the README."""
    from shared.auth.permissions import ROLE_LABELS

    rows = [("Master (equipe Impacte+)", MASTER_EMAIL, DEMO_PASSWORD)]
    rows += [(ROLE_LABELS[role], email, DEMO_PASSWORD) for role, _, email in DEMO_USERS]
    return rows


__all__ = ["DEMO_PASSWORD", "demo_logins", "seed", "stable_id"]
