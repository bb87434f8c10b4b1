"""API shapes of login, sessions and the caller's own profile."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from shared.auth.permissions import DataScope
from shared.platform.models import TenantSummary
from shared.users.models import UserPublic


class LoginRequest(BaseModel):
    email: str = Field(min_length=1, max_length=254)
    password: str = Field(min_length=1, max_length=128)


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=512)


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=128)
    new_password: str = Field(min_length=1, max_length=128)


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    user: UserPublic


class Me(BaseModel):
    user: UserPublic
    tenant: TenantSummary | None
    role: str
    role_label: str
    permissions: list[str]
    data_scope: DataScope
    modules: list[str]
    is_master: bool
