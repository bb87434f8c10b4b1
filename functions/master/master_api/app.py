"""Master function: companies, plans and modules of the SaaS (Área master). Crosses tenants."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import BaseModel

from shared.auth.permissions import MASTER, MODULES
from shared.auth.principal import Principal
from shared.http.app import Page, create_app, lambda_handler, new_router
from shared.http.security import requires
from shared.platform import service
from shared.platform.models import (
    ModuleInfo,
    PlanCreate,
    PlanPublic,
    PlanUpdate,
    TenantCreate,
    TenantPublic,
    TenantUpdate,
)
from shared.users.models import UserPublic

router = new_router(prefix="/api/master", tags=["master"])
Master = Annotated[Principal, requires(MASTER)]


class TenantCreated(BaseModel):
    tenant: TenantPublic
    admin: UserPublic


class ModuleList(BaseModel):
    items: list[ModuleInfo]


@router.get("/modules")
def list_modules(_: Master) -> ModuleList:
    return ModuleList(items=[ModuleInfo(key=k, label=v) for k, v in MODULES.items()])


@router.get("/plans")
def list_plans(_: Master) -> Page[PlanPublic]:
    return Page(items=[PlanPublic.model_validate(p.model_dump()) for p in service.list_plans()])


@router.post("/plans", status_code=201)
def create_plan(_: Master, body: PlanCreate) -> PlanPublic:
    return PlanPublic.model_validate(service.create_plan(body).model_dump())


@router.get("/plans/{plan_id}")
def get_plan(_: Master, plan_id: str) -> PlanPublic:
    return PlanPublic.model_validate(service.get_plan(plan_id).model_dump())


@router.patch("/plans/{plan_id}")
def update_plan(_: Master, plan_id: str, body: PlanUpdate) -> PlanPublic:
    return PlanPublic.model_validate(service.update_plan(plan_id, body).model_dump())


@router.get("/tenants")
def list_tenants(_: Master, cursor: Annotated[str | None, Query(max_length=2000)] = None,
                 limit: Annotated[int, Query(ge=1, le=100)] = 50) -> Page[TenantPublic]:
    tenants, next_cursor = service.list_tenants(cursor=cursor, limit=limit)
    return Page(items=[TenantPublic.of(t) for t in tenants], next_cursor=next_cursor)


@router.post("/tenants", status_code=201)
def create_tenant(_: Master, body: TenantCreate) -> TenantCreated:
    tenant, admin = service.create_tenant(body)
    return TenantCreated(tenant=TenantPublic.of(tenant), admin=UserPublic.of(admin))


@router.get("/tenants/{tenant_id}")
def get_tenant(_: Master, tenant_id: str) -> TenantPublic:
    return TenantPublic.of(service.get_tenant(tenant_id))


@router.patch("/tenants/{tenant_id}")
def update_tenant(_: Master, tenant_id: str, body: TenantUpdate) -> TenantPublic:
    return TenantPublic.of(service.update_tenant(tenant_id, body))


@router.post("/tenants/{tenant_id}/suspend")
def suspend_tenant(_: Master, tenant_id: str) -> TenantPublic:
    return TenantPublic.of(service.set_tenant_status(tenant_id, "suspended"))


@router.post("/tenants/{tenant_id}/reactivate")
def reactivate_tenant(_: Master, tenant_id: str) -> TenantPublic:
    return TenantPublic.of(service.set_tenant_status(tenant_id, "active"))


app = create_app(router)
handler = lambda_handler(app)
