"""DynamoDB work done by the requests the issues budget, on the demo data."""

from __future__ import annotations

import os


def report() -> list[tuple[str, int, int, int | None]]:
    os.environ.setdefault("APP_ENV", "test")
    from fastapi.testclient import TestClient
    from moto import mock_aws

    from bench.dynamo import measure
    from devstack.app import build_api
    from devstack.resources import create_all
    from devstack.seed import seed

    rows: list[tuple[str, int, int, int | None]] = []
    with mock_aws():
        create_all()
        seed()
        api = TestClient(build_api())
        login_body = {"email": "vendedor@demo.local", "password": "Demo@2026"}
        with measure() as cost:
            token = api.post("/api/auth/login", json=login_body).json()["access_token"]
        rows.append(("POST /api/auth/login", cost.calls, cost.items_read, None))
        headers = {"Authorization": f"Bearer {token}"}
        api.get("/api/me", headers=headers)  # warm caches (signing key), as a warm Lambda has
        with measure() as cost:
            assert api.get("/api/me", headers=headers).status_code == 200
        rows.append(("GET /api/me (local: token checked in-process)", cost.calls, cost.items_read, 2))
        rows.append(_me_behind_authorizer(token))
    print("\nDynamoDB work per request (demo company)")
    print(f"  {'request':<52}{'calls':>6}{'items':>7}  budget")
    for name, calls, items, budget in rows:
        verdict = "" if budget is None else f"{'ok' if calls <= budget else 'OVER'} (<= {budget} calls)"
        print(f"  {name:<52}{calls:>6}{items:>7}  {verdict}")
    return rows


def _me_behind_authorizer(token: str) -> tuple[str, int, int, int | None]:
    """AWS path: the authorizer resolves the principal, then the function answers from its context."""
    from auth_api.app import handler as auth_function
    from authorizer_fn.app import handler as authorizer

    from bench.dynamo import measure
    from devstack.lambda_context import LambdaContext

    event = {"version": "2.0", "type": "REQUEST", "headers": {"authorization": f"Bearer {token}"},
             "identitySource": [f"Bearer {token}"], "routeKey": "GET /api/me", "rawPath": "/api/me"}
    with measure() as cost:
        verdict = authorizer(event, LambdaContext())
        request = {"version": "2.0", "routeKey": "GET /api/me", "rawPath": "/api/me", "rawQueryString": "",
                   "headers": {"host": "api.local"}, "isBase64Encoded": False,
                   "requestContext": {"http": {"method": "GET", "path": "/api/me", "protocol": "HTTP/1.1",
                                               "sourceIp": "127.0.0.1"},
                                      "authorizer": {"lambda": verdict["context"]}, "stage": "$default"}}
        response = auth_function(request, LambdaContext())
    assert response["statusCode"] == 200, response
    return ("GET /api/me (AWS: authorizer + function)", cost.calls, cost.items_read, 2)
