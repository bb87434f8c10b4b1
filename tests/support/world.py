"""Test data: the demo seed (company A) plus a second company B with one user per role."""

from __future__ import annotations

from dataclasses import dataclass, field

from devstack.seed import DEMO_PASSWORD, DEMO_USERS, MASTER_EMAIL, seed, stable_id
from shared.auth.permissions import ROLES
from shared.platform import service as platform
from shared.platform.models import TenantCreate
from shared.users import repository as users_repository
from shared.users.service import new_user_record

PASSWORD = DEMO_PASSWORD


@dataclass
class Company:
    tenant_id: str
    emails: dict[str, str] = field(default_factory=dict)  # role -> e-mail
    user_ids: dict[str, str] = field(default_factory=dict)  # role -> user id


@dataclass
class World:
    a: Company
    b: Company
    master_email: str = MASTER_EMAIL
    password: str = PASSWORD


def build_world() -> World:
    a_tenant = seed()["tenant_id"]
    a = Company(a_tenant)
    for role, _, email in DEMO_USERS:
        a.emails[role] = email
        a.user_ids[role] = stable_id(f"user:{email}")

    plan_id = stable_id("plan:Completo")
    tenant, admin = platform.create_tenant(TenantCreate(
        name="Outra Empresa Ltda", plan_id=plan_id, admin_name="Bruno Admin",
        admin_email="admin@outra.local", admin_password=PASSWORD))
    b = Company(tenant.id, {"administrador": admin.email}, {"administrador": admin.id})
    for role in ROLES:
        if role == "administrador":
            continue
        user = new_user_record(tenant.id, f"{role.title()} B", f"{role}@outra.local", role, PASSWORD)
        users_repository.insert(user)
        b.emails[role] = user.email
        b.user_ids[role] = user.id
    return World(a, b)
