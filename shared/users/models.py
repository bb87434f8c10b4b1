"""Users as stored, and their API shapes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from shared import keys
from shared.auth.permissions import MASTER_ROLE, PERMISSION_KEYS, ROLES, DataScope, role_label
from shared.db.records import Record
from shared.text import fold
from shared.validation import Email, Name

UserStatus = Literal["active", "disabled"]


class UserRecord(Record):
    entity = "user"

    id: str
    tenant_id: str | None = None
    name: str
    email: str
    role: str
    status: UserStatus = "active"
    password_hash: str
    created_at: str
    updated_at: str
    last_login_at: str | None = None

    @property
    def is_master(self) -> bool:
        return self.tenant_id is None and self.role == MASTER_ROLE

    def keys(self) -> dict[str, str]:
        key = dict(keys.user(self.tenant_id, self.id))
        if self.tenant_id:
            key |= keys.users_of_tenant_gsi1(self.tenant_id, fold(self.name), self.id)
        return key

    def to_item(self) -> dict:
        return {**super().to_item(), "search": f"{fold(self.name)} {self.email}"}


class UserPublic(BaseModel):
    id: str
    name: str
    email: str
    role: str
    role_label: str
    status: UserStatus
    tenant_id: str | None
    created_at: str
    updated_at: str
    last_login_at: str | None

    @classmethod
    def of(cls, record: UserRecord) -> UserPublic:
        return cls(**record.model_dump(exclude={"password_hash"}), role_label=role_label(record.role))


def _company_role(value: str) -> str:
    if value not in ROLES:
        raise ValueError("papel inválido (use administrador, gerente, financeiro, vendedor, atendente ou suporte)")
    return value


class UserCreate(BaseModel):
    name: Name = Field(min_length=2, max_length=120)
    email: Email
    role: str
    password: str = Field(max_length=128)

    _role = field_validator("role")(_company_role)


class UserUpdate(BaseModel):
    name: Name | None = Field(default=None, min_length=2, max_length=120)
    email: Email | None = None
    role: str | None = None

    @field_validator("role")
    @classmethod
    def _role(cls, value: str | None) -> str | None:
        return None if value is None else _company_role(value)


class PasswordReset(BaseModel):
    password: str = Field(max_length=128)


class RolePublic(BaseModel):
    key: str
    label: str
    permissions: list[str]
    data_scope: DataScope
    customized: bool


class PermissionPublic(BaseModel):
    key: str
    module: str
    module_label: str
    label: str


class RolesPage(BaseModel):
    items: list[RolePublic]
    catalog: list[PermissionPublic]


class RoleUpdate(BaseModel):
    permissions: list[str]
    data_scope: DataScope

    @field_validator("permissions")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - PERMISSION_KEYS)
        if unknown:
            raise ValueError(f"permissão desconhecida: {', '.join(unknown)}")
        return sorted(set(value))
