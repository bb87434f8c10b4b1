"""Login, lockout, refresh rotation, logout, password change and the 401/403 cases."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest

from shared import clock
from tests.support.http import auth_headers, bearer, login


def test_login_returns_tokens_and_user(api, world):
    body = login(api, world.a.emails["vendedor"])
    assert body["token_type"] == "bearer"
    assert body["access_token"] and body["refresh_token"]
    assert body["user"]["email"] == world.a.emails["vendedor"]
    assert body["user"]["role"] == "vendedor"
    assert "password_hash" not in body["user"]
    assert body["expires_in"] <= 15 * 60


def test_login_accepts_email_in_any_case(api, world):
    resp = api.post("/api/auth/login", json={"email": "  ADMIN@Demo.Local ", "password": world.password})
    assert resp.status_code == 200


def test_wrong_password_and_unknown_email_get_the_same_answer(api, world):
    wrong = api.post("/api/auth/login", json={"email": world.a.emails["gerente"], "password": "Errada123"})
    unknown = api.post("/api/auth/login", json={"email": "ninguem@demo.local", "password": "Errada123"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert "senha" in wrong.json()["detail"].lower()


def test_lockout_after_five_failures_even_with_right_password(api, world, monkeypatch):
    email = world.a.emails["atendente"]
    for _ in range(5):
        assert api.post("/api/auth/login", json={"email": email, "password": "Errada123"}).status_code == 401
    locked = api.post("/api/auth/login", json={"email": email, "password": world.password})
    assert locked.status_code == 429
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert "tentativas" in locked.json()["detail"]

    later = clock.now() + timedelta(minutes=15, seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert api.post("/api/auth/login", json={"email": email, "password": world.password}).status_code == 200


def test_failures_spread_over_more_than_the_window_do_not_lock(api, world, monkeypatch):
    email = world.a.emails["financeiro"]
    start = clock.now()
    for i in range(6):
        moment = start + timedelta(minutes=4 * i)
        monkeypatch.setattr(clock, "now", lambda m=moment: m)
        assert api.post("/api/auth/login", json={"email": email, "password": "Errada123"}).status_code == 401
    assert api.post("/api/auth/login", json={"email": email, "password": world.password}).status_code == 200


def test_success_clears_earlier_failures(api, world):
    email = world.a.emails["suporte"]
    for _ in range(4):
        api.post("/api/auth/login", json={"email": email, "password": "Errada123"})
    login(api, email)
    for _ in range(4):
        assert api.post("/api/auth/login", json={"email": email, "password": "Errada123"}).status_code == 401
    login(api, email)


def test_unknown_email_is_locked_like_a_real_one(api, world):
    for _ in range(5):
        api.post("/api/auth/login", json={"email": "fantasma@demo.local", "password": "Errada123"})
    assert api.post("/api/auth/login", json={"email": "fantasma@demo.local", "password": "x"}).status_code == 429


def test_login_bad_input_is_422_in_portuguese(api, world):
    resp = api.post("/api/auth/login", json={"email": "admin@demo.local"})
    assert resp.status_code == 422
    assert resp.json()["detail"].startswith("Senha")
    assert resp.json()["errors"][0]["field"] == "password"
    malformed = api.post("/api/auth/login", content=b"{not json", headers={"content-type": "application/json"})
    assert malformed.status_code == 422


def test_refresh_rotates_and_reuse_revokes_the_chain(api, world):
    first = login(api, world.a.emails["vendedor"])
    second = api.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    rotated = second.json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert api.get("/api/me", headers=bearer(rotated["access_token"])).status_code == 200

    replay = api.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401
    # The whole chain is gone: the newest refresh token and its access token no longer work.
    assert api.post("/api/auth/refresh", json={"refresh_token": rotated["refresh_token"]}).status_code == 401
    assert api.get("/api/me", headers=bearer(rotated["access_token"])).status_code == 401


def test_refresh_with_garbage_or_forged_secret_is_401(api, world):
    first = login(api, world.a.emails["vendedor"])
    forged = first["refresh_token"].rsplit(".", 1)[0] + ".x" * 16
    assert api.post("/api/auth/refresh", json={"refresh_token": forged}).status_code == 401
    assert api.post("/api/auth/refresh", json={"refresh_token": "nada"}).status_code == 401
    # a forged secret does not end the genuine session
    assert api.post("/api/auth/refresh", json={"refresh_token": first["refresh_token"]}).status_code == 200


def test_logout_revokes_the_session(api, world):
    tokens = login(api, world.a.emails["gerente"])
    assert api.post("/api/auth/logout", json={"refresh_token": tokens["refresh_token"]}).status_code == 204
    assert api.post("/api/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert api.get("/api/me", headers=bearer(tokens["access_token"])).status_code == 401


def test_password_change_revokes_every_session(api, world):
    email = world.a.emails["vendedor"]
    other_device = login(api, email)
    this_device = login(api, email)
    resp = api.post("/api/auth/password", headers=bearer(this_device["access_token"]),
                    json={"current_password": world.password, "new_password": "NovaSenha2027"})
    assert resp.status_code == 200
    fresh = resp.json()
    assert api.get("/api/me", headers=bearer(other_device["access_token"])).status_code == 401
    assert api.get("/api/me", headers=bearer(this_device["access_token"])).status_code == 401
    assert api.post("/api/auth/refresh", json={"refresh_token": other_device["refresh_token"]}).status_code == 401
    assert api.get("/api/me", headers=bearer(fresh["access_token"])).status_code == 200
    assert api.post("/api/auth/login", json={"email": email, "password": world.password}).status_code == 401
    login(api, email, "NovaSenha2027")


@pytest.mark.parametrize(("body", "field"), [
    ({"current_password": "Errada123", "new_password": "NovaSenha2027"}, "current_password"),
    ({"current_password": "Demo@2026", "new_password": "curta1"}, "new_password"),
    ({"current_password": "Demo@2026", "new_password": "semnumeros"}, "new_password"),
])
def test_password_change_rejects_bad_input(api, world, body, field):
    headers = auth_headers(api, world.a.emails["vendedor"])
    resp = api.post("/api/auth/password", headers=headers, json=body)
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["field"] == field


def test_me_lists_role_permissions_and_company_modules(api, world):
    me = api.get("/api/me", headers=auth_headers(api, world.a.emails["vendedor"])).json()
    assert me["role"] == "vendedor" and me["role_label"] == "Vendedor"
    assert me["tenant"]["id"] == world.a.tenant_id and me["tenant"]["name"] == "Impacte Demo"
    assert "clientes:read" in me["permissions"] and "usuarios:read" not in me["permissions"]
    assert me["data_scope"] == "own"
    assert "dashboard" in me["modules"] and me["is_master"] is False


def test_master_me_has_no_company(api, world):
    me = api.get("/api/me", headers=auth_headers(api, world.master_email)).json()
    assert me["is_master"] is True and me["tenant"] is None and me["role"] == "master"


def test_no_token_is_401(api, world):
    resp = api.get("/api/me")
    assert resp.status_code == 401
    assert resp.json()["detail"] == "Faça login para continuar."


def test_expired_token_is_401(api, world, monkeypatch):
    headers = auth_headers(api, world.a.emails["vendedor"])
    later = clock.now() + timedelta(minutes=16)
    monkeypatch.setattr(clock, "now", lambda: later)
    monkeypatch.setattr(jwt.api_jwt, "datetime", _FrozenDatetime(later))
    resp = api.get("/api/me", headers=headers)
    assert resp.status_code == 401
    assert "expirou" in resp.json()["detail"]


def test_token_signed_with_another_key_is_401(api, world):
    real = login(api, world.a.emails["administrador"])["access_token"]
    claims = jwt.decode(real, options={"verify_signature": False})
    forged = jwt.encode(claims, "outra-chave-qualquer-com-tamanho-suficiente", algorithm="HS256")
    assert api.get("/api/me", headers=bearer(forged)).status_code == 401


def test_token_with_none_algorithm_is_401(api, world):
    real = login(api, world.a.emails["administrador"])["access_token"]
    claims = jwt.decode(real, options={"verify_signature": False})
    unsigned = jwt.encode(claims, None, algorithm="none")
    assert api.get("/api/me", headers=bearer(unsigned)).status_code == 401


def test_disabled_user_token_is_401_and_login_refused(api, world):
    victim = login(api, world.a.emails["atendente"])
    admin = auth_headers(api, world.a.emails["administrador"])
    assert api.post(f"/api/users/{world.a.user_ids['atendente']}/disable", headers=admin).status_code == 200
    assert api.get("/api/me", headers=bearer(victim["access_token"])).status_code == 401
    resp = api.post("/api/auth/login", json={"email": world.a.emails["atendente"], "password": world.password})
    assert resp.status_code == 401
    assert "desativado" in resp.json()["detail"]


def test_suspended_company_is_403_in_portuguese(api, world):
    seller = auth_headers(api, world.a.emails["vendedor"])
    master = auth_headers(api, world.master_email)
    assert api.post(f"/api/master/tenants/{world.a.tenant_id}/suspend", headers=master).status_code == 200
    resp = api.get("/api/me", headers=seller)
    assert resp.status_code == 403
    assert "suspens" in resp.json()["detail"]
    refused = api.post("/api/auth/login", json={"email": world.a.emails["vendedor"], "password": world.password})
    assert refused.status_code == 403
    # company B is untouched
    assert api.get("/api/me", headers=auth_headers(api, world.b.emails["vendedor"])).status_code == 200
    assert api.post(f"/api/master/tenants/{world.a.tenant_id}/reactivate", headers=master).status_code == 200
    assert api.get("/api/me", headers=seller).status_code == 200


class _FrozenDatetime:
    """Stands in for `datetime` inside PyJWT so its expiry check sees the moved clock."""

    def __init__(self, moment):
        self._moment = moment

    def now(self, tz=None):
        return self._moment

    def __getattr__(self, name):
        import datetime

        return getattr(datetime.datetime, name)
