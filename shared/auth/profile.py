"""The caller's own view of themselves (`GET /api/me`)."""

from __future__ import annotations

from shared.auth.models import Me
from shared.auth.permissions import MODULES, role_label
from shared.auth.principal import Principal, load_account
from shared.auth.tokens import INVALID_SESSION
from shared.errors import Unauthorized
from shared.platform.models import TenantSummary
from shared.users.models import UserPublic


def me(principal: Principal) -> Me:
    user, tenant = principal.user, principal.tenant
    if user is None:  # context came from the authorizer: one BatchGetItem for the records
        user, tenant, _, _ = load_account(principal.tenant_id, principal.user_id)
        if user is None:
            raise Unauthorized(INVALID_SESSION)
    return Me(
        user=UserPublic.of(user),
        tenant=TenantSummary.model_validate(tenant.model_dump()) if tenant else None,
        role=principal.role,
        role_label=role_label(principal.role),
        permissions=sorted(principal.permissions),
        data_scope=principal.data_scope,
        modules=[m for m in MODULES if m in principal.modules],
        is_master=principal.is_master,
    )
