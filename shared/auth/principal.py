"""Who is calling: resolved once per request from the access token.

In AWS the Lambda authorizer runs `authenticate` and hands the result to the function in the
request context (`to_context` / `from_context`); locally the same `authenticate` runs inside the
FastAPI dependency. Either way a route receives a `Principal` and never reads a tenant id from the
request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from shared import keys
from shared.auth.permissions import MASTER_ROLE, DataScope, effective_role
from shared.auth.sessions import SessionRecord
from shared.auth.tokens import INVALID_SESSION, decode_access_token
from shared.db.table import Table
from shared.errors import Forbidden, Unauthorized

if TYPE_CHECKING:  # loaded on first authentication, not at import (cold start)
    from shared.platform.models import TenantRecord
    from shared.users.models import UserRecord

SUSPENDED = "O acesso desta empresa está suspenso. Fale com o suporte do Impacte+ para regularizar."
DISABLED = "Seu usuário está desativado. Fale com o administrador da sua empresa."


@dataclass(frozen=True)
class Principal:
    user_id: str
    tenant_id: str | None
    session_id: str
    role: str
    name: str
    email: str
    permissions: frozenset[str]
    data_scope: DataScope
    modules: frozenset[str]
    is_master: bool
    # Loaded while authenticating in-process; absent when the context came from the authorizer.
    user: UserRecord | None = field(default=None, compare=False, repr=False)
    tenant: TenantRecord | None = field(default=None, compare=False, repr=False)

    @property
    def scope(self) -> str:
        """Scope of signed cursors and similar per-tenant artefacts."""
        return self.tenant_id or "platform"

    def to_context(self) -> dict[str, str]:
        return {
            "user_id": self.user_id,
            "tenant_id": self.tenant_id or "",
            "session_id": self.session_id,
            "role": self.role,
            "name": self.name,
            "email": self.email,
            "permissions": " ".join(sorted(self.permissions)),
            "data_scope": self.data_scope,
            "modules": " ".join(sorted(self.modules)),
            "is_master": "true" if self.is_master else "false",
        }

    @classmethod
    def from_context(cls, ctx: dict[str, str]) -> Principal:
        return cls(
            user_id=ctx["user_id"],
            tenant_id=ctx.get("tenant_id") or None,
            session_id=ctx["session_id"],
            role=ctx["role"],
            name=ctx.get("name", ""),
            email=ctx.get("email", ""),
            permissions=frozenset(ctx.get("permissions", "").split()),
            data_scope="all" if ctx.get("data_scope") == "all" else "own",
            modules=frozenset(ctx.get("modules", "").split()),
            is_master=ctx.get("is_master") == "true",
        )


def build_principal(user: UserRecord, tenant: TenantRecord | None, roles_item: dict | None,
                    session_id: str) -> Principal:
    """Checks that the account may act now and derives its permissions."""
    if user.status != "active":
        raise Unauthorized(DISABLED)
    if user.tenant_id is None:
        if user.role != MASTER_ROLE:
            raise Unauthorized(INVALID_SESSION)
        return Principal(user.id, None, session_id, MASTER_ROLE, user.name, user.email,
                         frozenset(), "all", frozenset(), True, user, None)
    if tenant is None:
        raise Unauthorized(INVALID_SESSION)
    if tenant.status != "active":
        raise Forbidden(SUSPENDED)
    permissions, scope, _ = effective_role(user.role, (roles_item or {}).get("roles"))
    return Principal(user.id, tenant.id, session_id, user.role, user.name, user.email,
                     permissions, scope, tenant.modules, False, user, tenant)


def load_account(tenant_id: str | None, user_id: str, session_id: str | None = None):
    """One BatchGetItem: the user, their company, the company's role settings and the session."""
    from shared.platform.models import TenantRecord
    from shared.users.models import UserRecord

    wanted = [keys.user(tenant_id, user_id)]
    if tenant_id:
        wanted += [keys.tenant(tenant_id), keys.tenant_roles(tenant_id)]
    if session_id:
        wanted.append(keys.session(tenant_id, user_id, session_id))
    found = Table().batch_get(wanted)
    user = UserRecord.from_item(found[0]) if found[0] else None
    tenant = TenantRecord.from_item(found[1]) if tenant_id and found[1] else None
    roles_item = found[2] if tenant_id else None
    session = SessionRecord.from_item(found[-1]) if session_id and found[-1] else None
    return user, tenant, roles_item, session


def authenticate(token: str) -> Principal:
    """Verify an access token and the live state of its account, session and company."""
    claims = decode_access_token(token)
    user, tenant, roles_item, session = load_account(claims.tenant_id, claims.user_id, claims.session_id)
    if user is None or session is None or session.revoked:
        raise Unauthorized(INVALID_SESSION)
    return build_principal(user, tenant, roles_item, claims.session_id)
