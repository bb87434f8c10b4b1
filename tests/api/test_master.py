"""Master area: companies, plans, modules. Only SaaS staff reach it."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.http.app import create_app, new_router
from shared.http.security import requires
from tests.support.http import auth_headers, login


@pytest.fixture
def master(api, world):
    return auth_headers(api, world.master_email)


def test_master_creates_a_company_whose_admin_can_log_in(api, world, master):
    plans = api.get("/api/master/plans", headers=master).json()["items"]
    essencial = next(p for p in plans if p["name"] == "Essencial")
    resp = api.post("/api/master/tenants", headers=master, json={
        "name": "Padaria Pão Quente", "plan_id": essencial["id"], "admin_name": "Rita Dona",
        "admin_email": "rita@paoquente.com.br", "admin_password": "Farinha2026"})
    assert resp.status_code == 201, resp.text
    tenant = resp.json()["tenant"]
    assert tenant["plan_name"] == "Essencial" and tenant["user_count"] == 1 and tenant["status"] == "active"
    assert set(tenant["modules"]) == set(essencial["modules"])
    assert resp.json()["admin"]["role"] == "administrador"

    listed = api.get("/api/master/tenants", headers=master).json()["items"]
    assert listed[0]["id"] == tenant["id"]  # newest first
    assert {t["id"] for t in listed} >= {tenant["id"], world.a.tenant_id, world.b.tenant_id}

    me = api.get("/api/me", headers=auth_headers(api, "rita@paoquente.com.br", "Farinha2026")).json()
    assert me["tenant"]["id"] == tenant["id"] and me["role"] == "administrador"
    assert "cobrancas" not in me["modules"]


@pytest.mark.parametrize(("patch", "field"), [
    ({"plan_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}, "plan_id"),
    ({"admin_email": "x"}, "admin_email"),
    ({"admin_password": "curta"}, "admin_password"),
    ({"name": ""}, "name"),
])
def test_bad_company_input_is_422_naming_the_field(api, world, master, patch, field):
    body = {"name": "Empresa X", "plan_id": "", "admin_name": "Fulano", "admin_email": "fulano@x.com.br",
            "admin_password": "Senha1234"}
    body["plan_id"] = api.get("/api/master/plans", headers=master).json()["items"][0]["id"]
    resp = api.post("/api/master/tenants", headers=master, json={**body, **patch})
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == field


def test_company_with_an_email_in_use_is_refused_and_nothing_is_written(api, world, master):
    before = len(api.get("/api/master/tenants", headers=master).json()["items"])
    plan_id = api.get("/api/master/plans", headers=master).json()["items"][0]["id"]
    resp = api.post("/api/master/tenants", headers=master, json={
        "name": "Duplicada", "plan_id": plan_id, "admin_name": "Fulano",
        "admin_email": world.a.emails["gerente"], "admin_password": "Senha1234"})
    assert resp.status_code == 409
    assert len(api.get("/api/master/tenants", headers=master).json()["items"]) == before


def test_plans_crud_and_plan_change_reaches_companies(api, world, master):
    created = api.post("/api/master/plans", headers=master, json={
        "name": "Start", "monthly_price_cents": 9900, "user_limit": 50, "modules": ["clientes", "dashboard"]})
    assert created.status_code == 201
    plan = created.json()
    assert plan["modules"] == ["dashboard", "clientes"]  # menu order
    assert api.patch(f"/api/master/tenants/{world.b.tenant_id}", headers=master,
                     json={"plan_id": plan["id"]}).json()["plan_name"] == "Start"
    updated = api.patch(f"/api/master/plans/{plan['id']}", headers=master,
                        json={"name": "Start+", "modules": ["clientes", "dashboard", "funil"]})
    assert updated.status_code == 200
    tenant = api.get(f"/api/master/tenants/{world.b.tenant_id}", headers=master).json()
    assert tenant["plan_name"] == "Start+" and "funil" in tenant["modules"]
    me = api.get("/api/me", headers=auth_headers(api, world.b.emails["vendedor"])).json()
    assert me["modules"] == ["dashboard", "clientes", "funil"]
    bad = api.post("/api/master/plans", headers=master,
                   json={"name": "X", "monthly_price_cents": -1, "user_limit": 0, "modules": ["voar"]})
    assert bad.status_code == 422


def test_module_override_switches_a_module_off_and_back(api, world, master):
    seller = auth_headers(api, world.a.emails["vendedor"])
    resp = api.patch(f"/api/master/tenants/{world.a.tenant_id}", headers=master,
                     json={"module_overrides": {"funil": False}})
    assert resp.status_code == 200
    assert resp.json()["module_overrides"] == {"funil": False} and "funil" not in resp.json()["modules"]
    assert "funil" not in api.get("/api/me", headers=seller).json()["modules"]
    restored = api.patch(f"/api/master/tenants/{world.a.tenant_id}", headers=master,
                         json={"module_overrides": {"funil": None}})
    assert restored.json()["module_overrides"] == {} and "funil" in restored.json()["modules"]


def test_a_route_of_a_switched_off_module_answers_403(api, world, master):
    """Routes of later modules use the same `requires`; a probe route stands in for them here."""
    probe = new_router(prefix="/api/probe")

    @probe.get("/funil")
    def funnel_probe(caller=requires("funil:read")) -> dict:
        return {"ok": True}

    app: FastAPI = create_app(probe)
    client = TestClient(app, raise_server_exceptions=False)
    seller = auth_headers(api, world.a.emails["vendedor"])
    assert client.get("/api/probe/funil", headers=seller).status_code == 200
    api.patch(f"/api/master/tenants/{world.a.tenant_id}", headers=master, json={"module_overrides": {"funil": False}})
    off = client.get("/api/probe/funil", headers=seller)
    assert off.status_code == 403
    assert "módulo não contratado" in off.json()["detail"]
    other = auth_headers(api, world.b.emails["vendedor"])
    assert client.get("/api/probe/funil", headers=other).status_code == 200


@pytest.mark.parametrize("role", ["administrador", "gerente", "vendedor"])
def test_company_users_never_reach_the_master_area(api, world, role):
    headers = auth_headers(api, world.a.emails[role])
    for path in ("/api/master/tenants", "/api/master/plans", "/api/master/modules"):
        resp = api.get(path, headers=headers)
        assert resp.status_code == 403, path
    assert api.post(f"/api/master/tenants/{world.b.tenant_id}/suspend", headers=headers).status_code == 403


def test_master_does_not_use_company_routes(api, world, master):
    assert api.get("/api/users", headers=master).status_code == 403


def test_unknown_ids_are_404(api, world, master):
    assert api.get("/api/master/tenants/01ARZ3NDEKTSV4RRFFQ69G5FAV", headers=master).status_code == 404
    assert api.get("/api/master/tenants/nao-existe", headers=master).status_code == 404
    assert api.get("/api/master/plans/01ARZ3NDEKTSV4RRFFQ69G5FAV", headers=master).status_code == 404


def test_suspension_keeps_data_and_reactivation_restores_access(api, world, master):
    login(api, world.b.emails["administrador"])
    assert api.post(f"/api/master/tenants/{world.b.tenant_id}/suspend", headers=master).json()["status"] == "suspended"
    assert api.post("/api/auth/login", json={"email": world.b.emails["administrador"],
                                             "password": world.password}).status_code == 403
    assert api.post(f"/api/master/tenants/{world.b.tenant_id}/reactivate", headers=master).json()["status"] == "active"
    headers = auth_headers(api, world.b.emails["administrador"])
    assert len(api.get("/api/users", headers=headers).json()["items"]) == 6
