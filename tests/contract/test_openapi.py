"""Every route declares a permission; the schema is the web app's typed client source."""

from __future__ import annotations

from devstack.app import build_api
from shared.auth.permissions import AUTHENTICATED, MASTER, PERMISSION_KEYS, PUBLIC

PUBLIC_ROUTES = {("GET", "/api/health"), ("POST", "/api/auth/login"), ("POST", "/api/auth/refresh"),
                 ("POST", "/api/auth/logout"), ("GET", "/webhooks/whatsapp/{hook_id}"),
                 ("POST", "/webhooks/whatsapp/{hook_id}"), ("POST", "/webhooks/leads/{hook_id}"),
                 ("POST", "/webhooks/cora/{hook_id}")}


def _operations():
    schema = build_api().openapi()
    for path, item in schema["paths"].items():
        for method, op in item.items():
            yield method.upper(), path, op


def test_every_route_declares_a_known_permission():
    undeclared = [(m, p) for m, p, op in _operations() if "x-permission" not in op]
    assert not undeclared, f"routes without a declared permission: {undeclared}"
    allowed = PERMISSION_KEYS | {PUBLIC, AUTHENTICATED, MASTER}
    unknown = [(m, p, op["x-permission"]) for m, p, op in _operations() if op["x-permission"] not in allowed]
    assert not unknown


def test_only_the_expected_routes_are_public():
    public = {(m, p) for m, p, op in _operations() if op["x-permission"] == PUBLIC}
    assert public == PUBLIC_ROUTES


def test_master_routes_and_only_they_require_master():
    for method, path, op in _operations():
        assert (op["x-permission"] == MASTER) == path.startswith("/api/master/"), (method, path)


def test_a_route_without_permission_is_detected():
    """The check itself can fail: a bare route is missing from the declared ones."""
    from shared.http.app import create_app, new_router

    router = new_router()

    @router.get("/api/naked")
    def naked() -> dict:
        return {}

    schema = create_app(router).openapi()
    assert "x-permission" not in schema["paths"]["/api/naked"]["get"]
