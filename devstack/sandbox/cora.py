"""A fake Cora "Integração Direta" for the local stack, under /sandbox/cora.

Today only the token endpoint, so Testar works locally; the billing issue extends it (invoices,
endpoints, webhooks). Cora authenticates with mTLS and a client id, no secret: over the sandbox's
plain HTTP the certificate cannot be checked, so only the client id is (`int-...`, like Cora's).
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

TOKEN_LIFETIME = 86400


def issue_token(form: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """POST /token: grant_type=client_credentials&client_id=int-... -> a 24 h Bearer token."""
    if form.get("grant_type") != "client_credentials":
        return 400, {"error": "unsupported_grant_type",
                     "error_description": "grant_type must be client_credentials"}
    client_id = str(form.get("client_id") or "")
    if not client_id.startswith("int-") or len(client_id) < 5:
        return 401, {"error": "invalid_client", "error_description": "Invalid client or Invalid client credentials"}
    now = int(time.time())
    return 200, {"access_token": f"sandbox-cora.{secrets.token_urlsafe(32)}", "token_type": "Bearer",
                 "expires_in": TOKEN_LIFETIME, "refresh_expires_in": 0, "not-before-policy": 0,
                 "scope": "invoice account", "iat": now}


def router() -> APIRouter:
    r = APIRouter(prefix="/sandbox/cora", include_in_schema=False)

    @r.post("/token")
    async def token(request: Request) -> JSONResponse:
        form = dict(await request.form())
        status, body = issue_token(form)
        return JSONResponse(body, status_code=status)

    return r
