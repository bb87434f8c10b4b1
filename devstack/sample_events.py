"""Writes the real-shaped sample events in events/ (API Gateway HTTP API v2 with the authorizer's
context, and authorizer requests). Tests replay every file through its function's handler.

Usage: python -m devstack.sample_events   (rewrites events/)
"""

from __future__ import annotations

import copy
import json

from devstack.seed import stable_id
from devstack.template import ROOT
from shared.auth.permissions import CORE_MODULES, DEFAULT_ROLES, MODULES

HOST = "abc123.execute-api.sa-east-1.amazonaws.com"
TENANT = stable_id("tenant:demo")


def _context(email: str, role: str, name: str, *, master: bool = False) -> dict[str, str]:
    perms, scope = DEFAULT_ROLES.get(role, (frozenset(), "all"))
    return {
        "user_id": stable_id("user:master" if master else f"user:{email}"),
        "tenant_id": "" if master else TENANT,
        "session_id": "01JDEMMSESS10N0000000000AA",
        "role": role, "name": name, "email": email,
        "permissions": " ".join(sorted(perms)), "data_scope": scope,
        "modules": "" if master else " ".join(sorted([*MODULES, *CORE_MODULES])),
        "is_master": "true" if master else "false",
    }


ADMIN = _context("admin@demo.local", "administrador", "Ana Administradora")
SELLER = _context("vendedor@demo.local", "vendedor", "Vitor Vendedor")
MASTER = _context("master@impacte.local", "master", "Equipe Master", master=True)
EXPIRED = {"error_status": "401", "error_detail": "Sua sessão expirou. Entre novamente."}


def http(method: str, path: str, *, route: str | None = None, body=None, query: str = "", ctx=None,
         proxy: str | None = None, auth: str | None = "Bearer <token verified by the authorizer>") -> dict:
    route_key = f"{method} {route or path}"
    headers = {"accept": "application/json", "content-type": "application/json", "host": HOST,
               "user-agent": "Mozilla/5.0", "x-forwarded-for": "200.150.10.20", "x-forwarded-port": "443",
               "x-forwarded-proto": "https"}
    if auth and ctx is not None:
        headers["authorization"] = auth
    event = {
        "version": "2.0", "routeKey": route_key, "rawPath": path, "rawQueryString": query, "headers": headers,
        "requestContext": {
            "accountId": "123456789012", "apiId": "abc123", "domainName": HOST, "domainPrefix": "abc123",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "200.150.10.20",
                     "userAgent": "Mozilla/5.0"},
            "requestId": "JKJaXmPLvHcESHA=", "routeKey": route_key, "stage": "$default",
            "time": "01/Dec/2026:13:00:00 +0000", "timeEpoch": 1796130000000,
        },
        "isBase64Encoded": False,
    }
    if query:
        event["queryStringParameters"] = dict(p.split("=", 1) for p in query.split("&"))
    if ctx is not None:
        event["requestContext"]["authorizer"] = {"lambda": ctx}
    if proxy is not None:
        event["pathParameters"] = {"proxy": proxy}
    if body is not None:
        event["body"] = json.dumps(body, ensure_ascii=False)
    return event


def authorizer_request(token: str) -> dict:
    return {
        "version": "2.0", "type": "REQUEST",
        "routeArn": "arn:aws:execute-api:sa-east-1:123456789012:abc123/$default/GET/api/me",
        "identitySource": [f"Bearer {token}"], "routeKey": "GET /api/me", "rawPath": "/api/me",
        "rawQueryString": "",
        "headers": {"authorization": f"Bearer {token}", "host": HOST, "user-agent": "Mozilla/5.0"},
        "requestContext": {"accountId": "123456789012", "apiId": "abc123", "domainName": HOST, "domainPrefix": "abc123",
                           "http": {"method": "GET", "path": "/api/me", "protocol": "HTTP/1.1",
                                    "sourceIp": "200.150.10.20", "userAgent": "Mozilla/5.0"},
                           "requestId": "JKJaXmPLvHcESHB=", "routeKey": "GET /api/me", "stage": "$default",
                           "time": "01/Dec/2026:13:00:00 +0000", "timeEpoch": 1796130000000},
    }


NEW_CLIENT = {"type": "pf", "first_name": "Joana", "last_name": "Prado", "document": "529.982.247-25",
              "whatsapp": "(11) 98765-4321", "email": "joana.prado@exemplo.com.br", "origin": "site",
              "campaign": "Black Friday", "tags": ["vip"]}

EVENTS: dict[str, dict] = {
    "auth/health.json": http("GET", "/api/health"),
    "auth/login.json": http("POST", "/api/auth/login", body={"email": "vendedor@demo.local", "password": "Demo@2026"}),
    "auth/refused-login-wrong-password.json": http("POST", "/api/auth/login",
                                                   body={"email": "vendedor@demo.local", "password": "errada"}),
    "auth/me.json": http("GET", "/api/me", ctx=SELLER),
    "auth/refused-me-expired-token.json": http("GET", "/api/me", ctx=EXPIRED, auth="Bearer expired"),
    "users/list.json": http("GET", "/api/users", query="limit=20", ctx=ADMIN),
    "users/create.json": http("POST", "/api/users", ctx=ADMIN, body={
        "name": "Carla Nova", "email": "carla@demo.local", "role": "vendedor", "password": "Senha1234"}),
    "users/refused-seller-lists-users.json": http("GET", "/api/users", ctx=SELLER),
    "users/roles.json": http("GET", "/api/roles", ctx=ADMIN),
    "master/list-tenants.json": http("GET", "/api/master/tenants", route="/api/master/{proxy+}", ctx=MASTER,
                                     proxy="tenants"),
    "master/list-plans.json": http("GET", "/api/master/plans", route="/api/master/{proxy+}", ctx=MASTER,
                                   proxy="plans"),
    "master/refused-admin-lists-tenants.json": http("GET", "/api/master/tenants", route="/api/master/{proxy+}",
                                                    ctx=ADMIN, proxy="tenants"),
    "clients/list.json": http("GET", "/api/clients", query="sort=created_desc&limit=25", ctx=SELLER),
    "clients/search.json": http("GET", "/api/clients", query="q=joana", ctx=ADMIN),
    "clients/create.json": http("POST", "/api/clients", ctx=SELLER, body=NEW_CLIENT),
    "clients/refused-invalid-cpf.json": http("POST", "/api/clients", ctx=SELLER,
                                             body={**NEW_CLIENT, "document": "123.456.789-00"}),
    "clients/custom-fields.json": http("GET", "/api/clients/custom-fields", route="/api/clients/{proxy+}",
                                       ctx=SELLER, proxy="custom-fields"),
    "clients/refused-import-without-file.json": http("POST", "/api/clients/imports", route="/api/clients/{proxy+}",
                                                     ctx=ADMIN, proxy="imports", body={}),
    "clients/refused-merge-unknown-client.json": http(
        "POST", f"/api/clients/{stable_id('client:unknown')}/merge", route="/api/clients/{proxy+}", ctx=ADMIN,
        proxy=f"{stable_id('client:unknown')}/merge", body={"source_id": stable_id("client:other")}),
    # The background import: the clients function invokes itself with this (shared/jobs.py).
    "clients/refused-import-job-unknown-import.json": {
        "job": "clients.import", "payload": {"tenant_id": TENANT, "import_id": stable_id("import:unknown")}},
    "funnel/board.json": http("GET", "/api/funnel", query="limit=10", ctx=SELLER),
    "funnel/stalled.json": http("GET", "/api/funnel/stalled", route="/api/funnel/{proxy+}", ctx=ADMIN,
                                proxy="stalled"),
    "funnel/refused-unknown-card.json": http("POST", "/api/funnel/cards/01JDEMMNAC4RD000000000000A/move",
                                             route="/api/funnel/{proxy+}", ctx=SELLER,
                                             proxy="cards/01JDEMMNAC4RD000000000000A/move",
                                             body={"stage": "contato_com_resposta"}),
    "dashboard/period.json": http("GET", "/api/dashboard", query="date_from=2026-11-01&date_to=2026-11-30", ctx=ADMIN),
    "dashboard/refused-period-reversed.json": http("GET", "/api/dashboard",
                                                   query="date_from=2026-12-01&date_to=2026-11-01", ctx=ADMIN),
    "authorizer/valid-token.json": authorizer_request("{{access_token:vendedor@demo.local}}"),
}
_bad = copy.deepcopy(authorizer_request("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.assinatura-invalida"))
EVENTS["authorizer/refused-bad-signature.json"] = _bad


def main() -> None:
    for name, event in EVENTS.items():
        path = ROOT / "events" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(event, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(EVENTS)} events written to events/")


if __name__ == "__main__":
    main()
