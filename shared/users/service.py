"""Users and role permissions of the caller's company (the Usuários screen)."""

from __future__ import annotations

from shared import clock, keys
from shared.auth import service as auth_service
from shared.auth.passwords import check_password_policy, hash_password
from shared.auth.permissions import (
    ALL_MODULE_LABELS,
    DEFAULT_ROLES,
    PERMISSIONS,
    ROLE_LABELS,
    effective_role,
)
from shared.auth.principal import Principal
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.table import Table
from shared.errors import NotFound, ValidationFailed
from shared.ids import new_id
from shared.text import fold
from shared.users import repository
from shared.users.models import (
    PermissionPublic,
    RolePublic,
    RolesPage,
    RoleUpdate,
    UserCreate,
    UserRecord,
    UserUpdate,
)


def _tenant(principal: Principal) -> str:
    assert principal.tenant_id, "company routes always run for a company user"
    return principal.tenant_id


def list_users(principal: Principal, *, q: str | None, cursor: str | None,
               limit: int) -> tuple[list[UserRecord], str | None]:
    tenant_id = _tenant(principal)
    filter_expression = values = None
    if q and q.strip():
        filter_expression = "contains(#search, :q)"
        values = {":q": fold(q)}
    page = Table().query(
        keys.users_of_tenant_pk(tenant_id), index="GSI1", limit=limit,
        start_key=decode_cursor(cursor, principal.scope),
        filter_expression=filter_expression, names={"#search": "search"} if values else None, values=values,
    )
    return [UserRecord.from_item(i) for i in page.items], encode_cursor(page.last_key, principal.scope)


def get_user(principal: Principal, user_id: str) -> UserRecord:
    return repository.get(_tenant(principal), user_id)


def new_user_record(tenant_id: str | None, name: str, email: str, role: str, password: str,
                    *, password_field: str = "password") -> UserRecord:
    check_password_policy(password, field=password_field)
    now = clock.now_iso()
    return UserRecord(id=new_id(), tenant_id=tenant_id, name=name, email=email, role=role,
                      password_hash=hash_password(password), created_at=now, updated_at=now)


def create_user(principal: Principal, data: UserCreate) -> UserRecord:
    user = new_user_record(_tenant(principal), data.name, data.email, data.role, data.password)
    repository.insert(user)
    return user


def update_user(principal: Principal, user_id: str, data: UserUpdate) -> UserRecord:
    old = get_user(principal, user_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "role" in changes and old.id == principal.user_id and changes["role"] != old.role:
        raise ValidationFailed("Você não pode alterar o seu próprio papel.", field="role")
    if not changes:
        return old
    return repository.replace(old, old.model_copy(update=changes))


def set_status(principal: Principal, user_id: str, status: str) -> UserRecord:
    old = get_user(principal, user_id)
    if old.id == principal.user_id and status != "active":
        raise ValidationFailed("Você não pode desativar o seu próprio usuário.")
    if old.status == status:
        return old
    new = repository.replace(old, old.model_copy(update={"status": status}))
    if status != "active":
        auth_service.revoke_all_sessions(new.tenant_id, new.id, "disabled")
    return new


def reset_password(principal: Principal, user_id: str, password: str) -> None:
    user = get_user(principal, user_id)
    check_password_policy(password)
    auth_service.set_password(user, password, reason="password_reset")


# --- roles -----------------------------------------------------------------------------------

FIXED_ROLE = "administrador"


def _roles_settings(tenant_id: str) -> dict:
    item = Table().get(keys.tenant_roles(tenant_id))
    return (item or {}).get("roles", {})


def _role_public(role: str, overrides: dict) -> RolePublic:
    perms, scope, customized = effective_role(role, overrides)
    return RolePublic(key=role, label=ROLE_LABELS[role], permissions=sorted(perms), data_scope=scope,
                      customized=customized)


def list_roles(principal: Principal) -> RolesPage:
    overrides = _roles_settings(_tenant(principal))
    catalog = [PermissionPublic(key=p.key, module=p.module, module_label=ALL_MODULE_LABELS[p.module],
                                label=p.label) for p in PERMISSIONS]
    return RolesPage(items=[_role_public(r, overrides) for r in ROLE_LABELS], catalog=catalog)


def _check_role(role: str) -> None:
    if role not in DEFAULT_ROLES:
        raise NotFound("Papel não encontrado.")
    if role == FIXED_ROLE:
        raise ValidationFailed("O papel Administrador sempre tem acesso total e não pode ser alterado.")


def update_role(principal: Principal, role: str, data: RoleUpdate) -> RolePublic:
    _check_role(role)
    tenant_id = _tenant(principal)
    overrides = _roles_settings(tenant_id)
    overrides[role] = {"permissions": data.permissions, "data_scope": data.data_scope}
    Table().put({**keys.tenant_roles(tenant_id), "roles": overrides, "updated_at": clock.now_iso()})
    return _role_public(role, overrides)


def reset_role(principal: Principal, role: str) -> RolePublic:
    _check_role(role)
    tenant_id = _tenant(principal)
    overrides = _roles_settings(tenant_id)
    overrides.pop(role, None)
    Table().put({**keys.tenant_roles(tenant_id), "roles": overrides, "updated_at": clock.now_iso()})
    return _role_public(role, overrides)
