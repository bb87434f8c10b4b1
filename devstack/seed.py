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
        from shared.catalog.service import seed_demo as seed_catalog
        from shared.company.service import seed_demo as seed_company

        seed_clients(tenant_id)
        seed_catalog(tenant_id)  # a price list and the company's data, so documents can be made at once
        seed_company(tenant_id)
    return {"tenant_id": tenant_id, "seeded_at": clock.now_iso()}


# --- Integrations of the demo company, pointed at the local sandbox (devstack/sandbox) -------------

DEMO_WHATSAPP = {"phone_number_id": "100200300400500", "waba_id": "200300400500600"}
DEMO_WHATSAPP_SECRETS = {"access_token": "sandbox-token-demo", "app_secret": "sandbox-app-secret",
                         "verify_token": "sandbox-verify-token"}
DEMO_SMTP_USER = ("demo", "demo")
DEMO_CORA_CLIENT_ID = "int-impacte-demo"


def seed_integrations(tenant_id: str, smtp_port: int) -> None:
    """WhatsApp (sandbox number), e-mail (the SMTP sink), lead capture and Cora (a self-signed
    certificate; the fake Cora checks only the client id) of "Impacte Demo".

    Local stack only. Saving WhatsApp queues its webhook registration with the fake Meta (it runs once
    the server listens); `check_demo_integration` then runs Testar (WhatsApp: number and templates;
    Cora: a token and the payment webhook registered at the fake Cora).
    """
    from shared.integrations.models import IntegrationUpdate
    from shared.integrations.service import configure

    seller = stable_id("user:vendedor@demo.local")
    configure(tenant_id, "whatsapp", IntegrationUpdate(
        settings={**DEMO_WHATSAPP, "auto_move_on_first_reply": True, "default_owner_id": seller},
        secrets=DEMO_WHATSAPP_SECRETS))
    configure(tenant_id, "smtp", IntegrationUpdate(
        settings={"provider": "smtp", "host": "127.0.0.1", "port": smtp_port, "tls_mode": "none",
                  "username": DEMO_SMTP_USER[0], "from_name": DEMO_COMPANY,
                  "from_email": "contato@impactedemo.com.br"},
        secrets={"password": DEMO_SMTP_USER[1]}))
    configure(tenant_id, "leads", IntegrationUpdate(settings={"default_origin": "site"}))
    from devstack.certificates import self_signed_pair

    cert, key = self_signed_pair(DEMO_CORA_CLIENT_ID)
    configure(tenant_id, "cora", IntegrationUpdate(settings={"client_id": DEMO_CORA_CLIENT_ID, "environment": "stage"},
                                                   secrets={"certificate": cert, "private_key": key}))


def check_demo_integration(tenant_id: str, kind: str) -> str:
    """Testar on a demo integration (as the administrator): WhatsApp learns the number and templates;
    Cora gets a token and registers the payment webhook with the sandbox's fake Cora."""
    from shared.auth.principal import build_principal, load_account
    from shared.integrations import testers

    user, tenant, roles, _ = load_account(tenant_id, stable_id(f"user:{DEMO_USERS[0][2]}"))
    result = testers.run(build_principal(user, tenant, roles, session_id=""), kind)
    return result.message


def demo_logins() -> list[tuple[str, str, str]]:
    """(label, e-mail, password) of every demo account, for the start banner and the README."""
    from shared.auth.permissions import ROLE_LABELS

    rows = [("Master (equipe Impacte+)", MASTER_EMAIL, DEMO_PASSWORD)]
    rows += [(ROLE_LABELS[role], email, DEMO_PASSWORD) for role, _, email in DEMO_USERS]
    return rows


__all__ = ["DEMO_PASSWORD", "check_demo_integration", "demo_logins", "seed", "seed_integrations", "stable_id"]
