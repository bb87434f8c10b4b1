"""Tenants (companies) and plans as stored, and their API shapes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from shared import keys
from shared.auth.permissions import MODULES, effective_modules
from shared.db.records import Record
from shared.validation import Email, Name

TenantStatus = Literal["active", "suspended"]


def _known_modules(value: list[str]) -> list[str]:
    unknown = [m for m in value if m not in MODULES]
    if unknown:
        raise ValueError(f"módulo desconhecido: {', '.join(unknown)}")
    return [m for m in MODULES if m in value]  # menu order, no repeats


class PlanPublic(BaseModel):
    id: str
    name: str
    monthly_price_cents: int
    user_limit: int
    modules: list[str]
    created_at: str
    updated_at: str


class PlanRecord(Record, PlanPublic):
    entity = "plan"

    def keys(self) -> dict[str, str]:
        return dict(keys.plan(self.id))


class TenantRecord(Record):
    entity = "tenant"

    id: str
    name: str
    status: TenantStatus = "active"
    plan_id: str
    plan_name: str
    # Copies of the plan, refreshed when the plan changes, so a request reads one item.
    plan_modules: list[str]
    user_limit: int
    user_count: int = 0
    module_overrides: dict[str, bool] = Field(default_factory=dict)
    created_at: str
    updated_at: str

    def keys(self) -> dict[str, str]:
        return {
            **keys.tenant(self.id),
            **keys.tenant_registry_gsi1(self.created_at, self.id),
            **keys.tenants_by_plan_gsi2(self.plan_id, self.id),
        }

    @property
    def modules(self) -> frozenset[str]:
        return effective_modules(self.plan_modules, self.module_overrides)


# --- API shapes ------------------------------------------------------------------------------

class PlanCreate(BaseModel):
    name: str = Field(min_length=2, max_length=80)
    monthly_price_cents: int = Field(ge=0, le=100_000_000)
    user_limit: int = Field(ge=1, le=10_000)
    modules: list[str]

    _modules = field_validator("modules")(_known_modules)


class PlanUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=2, max_length=80)
    monthly_price_cents: int | None = Field(default=None, ge=0, le=100_000_000)
    user_limit: int | None = Field(default=None, ge=1, le=10_000)
    modules: list[str] | None = None

    @field_validator("modules")
    @classmethod
    def _modules(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _known_modules(value)


class TenantSummary(BaseModel):
    id: str
    name: str
    status: TenantStatus
    plan_id: str
    plan_name: str


class TenantPublic(TenantSummary):
    user_count: int
    user_limit: int
    plan_modules: list[str]
    module_overrides: dict[str, bool]
    modules: list[str]
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, record: TenantRecord) -> TenantPublic:
        data = record.model_dump()
        data["modules"] = [m for m in MODULES if m in record.modules]
        return cls.model_validate(data)


class TenantCreate(BaseModel):
    name: str = Field(min_length=2, max_length=120)
    plan_id: str
    admin_name: Name = Field(min_length=2, max_length=120)
    admin_email: Email
    admin_password: str = Field(max_length=128)


class TenantUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=2, max_length=120)
    plan_id: str | None = None
    # module -> True (on), False (off) or None (back to the plan's default)
    module_overrides: dict[str, bool | None] | None = None

    @field_validator("module_overrides")
    @classmethod
    def _overrides(cls, value: dict[str, bool | None] | None) -> dict[str, bool | None] | None:
        if value is not None:
            _known_modules(list(value))
        return value


class ModuleInfo(BaseModel):
    key: str
    label: str
