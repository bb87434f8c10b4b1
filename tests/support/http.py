"""Small helpers for API tests."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.world import PASSWORD


def login(api: TestClient, email: str, password: str = PASSWORD) -> dict:
    resp = api.post("/api/auth/login", json={"email": email, "password": password})
    assert resp.status_code == 200, resp.text
    return resp.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def auth_headers(api: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    return bearer(login(api, email, password)["access_token"])
