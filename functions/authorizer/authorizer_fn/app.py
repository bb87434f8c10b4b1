"""API Gateway (HTTP API, payload 2.0, simple responses) Lambda authorizer.

It verifies the access token and the live state of the account with the same `authenticate` the
local stack runs in-process, and hands the function a verdict in the request context: either the
principal, or the refusal (status + pt-BR message) that the function returns to the caller.
HTTP APIs cannot customise gateway error bodies, so refusing here would answer an English 403 for
an expired token; passing the verdict keeps the 401/403 distinction the web app relies on.
"""

from __future__ import annotations

from typing import Any

from shared.auth.principal import authenticate
from shared.auth.tokens import LOGIN_REQUIRED
from shared.errors import AppError
from shared.observability import logger


def _token(event: dict[str, Any]) -> str:
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    raw = headers.get("authorization") or next(iter(event.get("identitySource") or []), "") or ""
    scheme, _, token = raw.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    token = _token(event)
    if not token:
        return {"isAuthorized": True, "context": {"error_status": "401", "error_detail": LOGIN_REQUIRED}}
    try:
        principal = authenticate(token)
    except AppError as exc:
        logger.info("access refused", extra={"status": exc.status_code})
        return {"isAuthorized": True, "context": {"error_status": str(exc.status_code), "error_detail": exc.detail}}
    logger.append_keys(tenant_id=principal.tenant_id or "platform", user_id=principal.user_id)
    return {"isAuthorized": True, "context": principal.to_context()}
