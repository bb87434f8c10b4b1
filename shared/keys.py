"""Every DynamoDB key of the single table is built here, and only here.

Layout rules (see the README's access-pattern table):
- Tenant items: the partition key starts with ``T#<tenant_id>#`` (the closing ``#`` keeps tenant
  ``01A`` from ever reaching ``01AB``). GSI partition keys of tenant items start the same way.
- Platform items (plans, master users, the tenant registry): ``P#...``. Only master code reads them.
- Global lookups that must precede a tenant (login by e-mail, login attempts): ``G#...``.
"""

from __future__ import annotations

import hashlib

from shared.ids import is_valid_id

SEP = "#"


class Key(dict):
    """A primary key: {"PK": ..., "SK": ...}."""

    def __init__(self, pk: str, sk: str):
        super().__init__(PK=pk, SK=sk)

    @property
    def pk(self) -> str:
        return self["PK"]

    @property
    def sk(self) -> str:
        return self["SK"]


def _tenant(tenant_id: str) -> str:
    if not is_valid_id(tenant_id):
        raise ValueError("tenant id must be a ULID")
    return f"T#{tenant_id}#"


def email_hash(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()


# --- tenants ---------------------------------------------------------------------------------

def tenant(tenant_id: str) -> Key:
    return Key(_tenant(tenant_id) + "TENANT", "TENANT")


def tenant_registry_gsi1(created_at: str, tenant_id: str) -> dict[str, str]:
    """Master's list of companies, newest first (GSI1)."""
    return {"GSI1PK": "P#TENANTS", "GSI1SK": f"{created_at}#{tenant_id}"}


TENANT_REGISTRY_GSI1PK = "P#TENANTS"


def tenants_by_plan_gsi2(plan_id: str, tenant_id: str) -> dict[str, str]:
    """Companies on a plan (GSI2), to refresh their copy of the plan when it changes."""
    return {"GSI2PK": f"P#PLAN#{plan_id}#TENANTS", "GSI2SK": tenant_id}


def tenants_by_plan_pk(plan_id: str) -> str:
    return f"P#PLAN#{plan_id}#TENANTS"


def tenant_roles(tenant_id: str) -> Key:
    """The company's customised role permissions (one item for all roles)."""
    return Key(_tenant(tenant_id) + "SETTINGS", "ROLES")


# --- users -----------------------------------------------------------------------------------

def user(tenant_id: str | None, user_id: str) -> Key:
    """A company user, or (tenant_id None) a master user of the SaaS team."""
    if not is_valid_id(user_id):
        raise ValueError("user id must be a ULID")
    if tenant_id is None:
        return Key(f"P#USER#{user_id}", "USER")
    return Key(_tenant(tenant_id) + f"USER#{user_id}", "USER")


def users_of_tenant_gsi1(tenant_id: str, sort_name: str, user_id: str) -> dict[str, str]:
    return {"GSI1PK": users_of_tenant_pk(tenant_id), "GSI1SK": f"{sort_name}#{user_id}"}


def users_of_tenant_pk(tenant_id: str) -> str:
    return _tenant(tenant_id) + "USERS"


def session(tenant_id: str | None, user_id: str, session_id: str) -> Key:
    return Key(user(tenant_id, user_id).pk, f"SESSION#{session_id}")


SESSION_PREFIX = "SESSION#"


# --- global lookups ----------------------------------------------------------------------------

def email_guard(email: str) -> Key:
    """Makes an e-mail unique across the whole system and maps it to its user for login."""
    return Key(f"G#EMAIL#{email}", "EMAIL")


def login_attempts(email: str) -> Key:
    return Key(f"G#LOGIN#{email_hash(email)}", "ATTEMPTS")


# --- platform --------------------------------------------------------------------------------

PLANS_PK = "P#PLANS"


def plan(plan_id: str) -> Key:
    return Key(PLANS_PK, f"PLAN#{plan_id}")
