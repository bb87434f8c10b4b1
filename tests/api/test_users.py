"""The Usuários screen's API: who may use it, plan limits, unique e-mails, roles."""

from __future__ import annotations

import pytest

from tests.support.http import auth_headers, bearer, login


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


def new_user(**overrides):
    return {"name": "Paula Nova", "email": "paula@demo.local", "role": "vendedor", "password": "Senha1234",
            **overrides}


def test_admin_lists_only_own_company_users(api, world, admin):
    resp = api.get("/api/users", headers=admin)
    assert resp.status_code == 200
    emails = {u["email"] for u in resp.json()["items"]}
    assert emails == set(world.a.emails.values())
    assert resp.json()["next_cursor"] is None


def test_list_search_and_pagination(api, world, admin):
    found = api.get("/api/users", headers=admin, params={"q": "gerente"}).json()["items"]
    assert [u["email"] for u in found] == [world.a.emails["gerente"]]
    seen, cursor = [], None
    while True:
        page = api.get("/api/users", headers=admin, params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200
        seen += [u["id"] for u in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(world.a.user_ids.values())


def test_cursor_from_another_company_is_refused(api, world, admin):
    cursor = api.get("/api/users", headers=admin, params={"limit": 1}).json()["next_cursor"]
    other = auth_headers(api, world.b.emails["administrador"])
    resp = api.get("/api/users", headers=other, params={"cursor": cursor})
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["field"] == "cursor"


def test_create_edit_disable_enable_and_reset_password(api, world, admin):
    created = api.post("/api/users", headers=admin, json=new_user())
    assert created.status_code == 201, created.text
    user = created.json()
    assert user["role_label"] == "Vendedor" and user["status"] == "active"
    login(api, "paula@demo.local", "Senha1234")

    edited = api.patch(f"/api/users/{user['id']}", headers=admin, json={"name": "Paula Souza", "role": "gerente"})
    assert edited.status_code == 200 and edited.json()["role"] == "gerente" and edited.json()["name"] == "Paula Souza"
    assert api.get(f"/api/users/{user['id']}", headers=admin).json()["name"] == "Paula Souza"

    session = login(api, "paula@demo.local", "Senha1234")
    assert api.post(f"/api/users/{user['id']}/disable", headers=admin).json()["status"] == "disabled"
    assert api.get("/api/me", headers=bearer(session["access_token"])).status_code == 401
    assert api.post(f"/api/users/{user['id']}/enable", headers=admin).json()["status"] == "active"

    assert api.post(f"/api/users/{user['id']}/reset-password", headers=admin,
                    json={"password": "Trocada2027"}).status_code == 204
    assert api.post("/api/auth/login", json={"email": "paula@demo.local", "password": "Senha1234"}).status_code == 401
    login(api, "paula@demo.local", "Trocada2027")


def test_email_change_moves_the_uniqueness_guard(api, world, admin):
    user = api.post("/api/users", headers=admin, json=new_user()).json()
    resp = api.patch(f"/api/users/{user['id']}", headers=admin, json={"email": "paula.souza@demo.local"})
    assert resp.status_code == 200
    # the old address is free again, the new one is taken
    assert api.post("/api/users", headers=admin, json=new_user(email="paula@demo.local")).status_code == 201
    clash = api.patch(f"/api/users/{user['id']}", headers=admin, json={"email": world.a.emails["gerente"]})
    assert clash.status_code == 409
    login(api, "paula.souza@demo.local", "Senha1234")


@pytest.mark.parametrize("email_of", ["same_company", "other_company", "master"])
def test_email_is_unique_across_the_whole_system(api, world, admin, email_of):
    email = {"same_company": world.a.emails["gerente"], "other_company": world.b.emails["gerente"],
             "master": world.master_email}[email_of]
    resp = api.post("/api/users", headers=admin, json=new_user(email=email.upper()))
    assert resp.status_code == 409
    assert resp.json()["errors"][0]["field"] == "email"
    assert "e-mail" in resp.json()["detail"]


def test_plan_user_limit_is_enforced(api, world, admin):
    master = auth_headers(api, world.master_email)
    plan = api.post("/api/master/plans", headers=master,
                    json={"name": "Mini", "monthly_price_cents": 100, "user_limit": 7, "modules": ["dashboard"]})
    assert api.patch(f"/api/master/tenants/{world.a.tenant_id}", headers=master,
                     json={"plan_id": plan.json()["id"]}).status_code == 200
    assert api.post("/api/users", headers=admin, json=new_user()).status_code == 201  # 7 of 7
    over = api.post("/api/users", headers=admin, json=new_user(email="mais@demo.local"))
    assert over.status_code == 422
    assert "limite" in over.json()["detail"]
    assert api.get("/api/users", headers=admin, params={"q": "mais@"}).json()["items"] == []
    # disabling frees a seat; enabling again over the limit is refused
    victim = world.a.user_ids["suporte"]
    assert api.post(f"/api/users/{victim}/disable", headers=admin).status_code == 200
    assert api.post("/api/users", headers=admin, json=new_user(email="mais@demo.local")).status_code == 201
    assert api.post(f"/api/users/{victim}/enable", headers=admin).status_code == 422


@pytest.mark.parametrize(("body", "field"), [
    (new_user(email="nao-e-email"), "email"),
    (new_user(role="chefe"), "role"),
    (new_user(name=""), "name"),
    (new_user(password="curta"), "password"),
    ({"name": "Sem Email", "role": "vendedor", "password": "Senha1234"}, "email"),
])
def test_bad_user_input_is_422_naming_the_field(api, world, admin, body, field):
    resp = api.post("/api/users", headers=admin, json=body)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == field
    assert resp.json()["detail"]


def test_admin_cannot_disable_or_demote_themselves(api, world, admin):
    me = world.a.user_ids["administrador"]
    assert api.post(f"/api/users/{me}/disable", headers=admin).status_code == 422
    assert api.patch(f"/api/users/{me}", headers=admin, json={"role": "vendedor"}).status_code == 422


@pytest.mark.parametrize("role", ["vendedor", "atendente", "financeiro", "suporte"])
def test_non_admin_roles_cannot_list_users(api, world, role):
    resp = api.get("/api/users", headers=auth_headers(api, world.a.emails[role]))
    assert resp.status_code == 403
    assert "permissão" in resp.json()["detail"]


def test_manager_reads_but_cannot_create_users(api, world):
    manager = auth_headers(api, world.a.emails["gerente"])
    assert api.get("/api/users", headers=manager).status_code == 200
    assert api.post("/api/users", headers=manager, json=new_user()).status_code == 403


def test_admin_adjusts_a_role_and_it_takes_effect(api, world, admin):
    seller = auth_headers(api, world.a.emails["vendedor"])
    assert api.get("/api/users", headers=seller).status_code == 403
    roles = api.get("/api/roles", headers=admin).json()
    vendedor = next(r for r in roles["items"] if r["key"] == "vendedor")
    assert vendedor["customized"] is False
    assert {"key": "usuarios:read"} .items() <= next(p for p in roles["catalog"] if p["key"] == "usuarios:read").items()

    updated = api.put("/api/roles/vendedor", headers=admin,
                      json={"permissions": [*vendedor["permissions"], "usuarios:read"], "data_scope": "all"})
    assert updated.status_code == 200 and updated.json()["customized"] is True
    assert api.get("/api/users", headers=seller).status_code == 200
    assert api.get("/api/me", headers=seller).json()["data_scope"] == "all"
    # company B's sellers are unaffected
    assert api.get("/api/users", headers=auth_headers(api, world.b.emails["vendedor"])).status_code == 403

    reset = api.post("/api/roles/vendedor/reset", headers=admin)
    assert reset.json()["customized"] is False
    assert api.get("/api/users", headers=seller).status_code == 403


def test_role_edit_rules(api, world, admin):
    assert api.put("/api/roles/administrador", headers=admin,
                   json={"permissions": [], "data_scope": "all"}).status_code == 422
    assert api.put("/api/roles/chefe", headers=admin, json={"permissions": [], "data_scope": "all"}).status_code == 404
    bad = api.put("/api/roles/vendedor", headers=admin, json={"permissions": ["voar:alto"], "data_scope": "all"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].startswith("permissions")
    manager = auth_headers(api, world.a.emails["gerente"])
    assert api.put("/api/roles/vendedor", headers=manager,
                   json={"permissions": [], "data_scope": "own"}).status_code == 403
