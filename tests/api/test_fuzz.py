"""Property-based requests generated from the OpenAPI schema (schemathesis + hypothesis).

Whatever a caller sends — odd strings, wrong types, missing fields, unknown ids — no route answers
with a server error. New routes are covered as soon as they appear in the schema.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from devstack.app import build_api
from tests.support.http import auth_headers

SCHEMA = build_api().openapi()
OPERATIONS = [(method.upper(), path) for path, item in SCHEMA["paths"].items() for method in item]


def _operation(method: str, path: str):
    schema = schemathesis.openapi.from_dict(SCHEMA)
    for result in schema.get_all_operations():
        op = result.ok()
        if op.method.upper() == method and op.path == path:
            return op
    raise AssertionError(f"{method} {path} not in schema")


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_no_generated_request_gets_a_server_error(api, world, method, path):
    email = world.master_email if path.startswith("/api/master") else world.a.emails["administrador"]
    headers = auth_headers(api, email)
    operation = _operation(method, path)
    failures = []

    @given(case=operation.as_strategy())
    @settings(max_examples=12, suppress_health_check=list(HealthCheck), deadline=None, database=None)
    def send(case):
        body = None if isinstance(case.body, schemathesis.core.NotSet) else case.body
        resp = api.request(case.method, case.formatted_path, headers=headers, params=case.query, json=body)
        if resp.status_code >= 500:
            failures.append((case.formatted_path, case.query, body, resp.text[:200]))
        elif resp.status_code != 204:
            # the content type is the one the schema declares for that status (JSON, or CSV for exports)
            declared = SCHEMA["paths"][path][method.lower()]["responses"].get(str(resp.status_code), {})
            types = declared.get("content", {"application/json": {}})
            assert any(resp.headers.get("content-type", "").startswith(t) for t in types), resp.headers

    send()
    assert not failures, failures[:3]
