"""FastAPI dependencies that give each route its `Principal` after checking its permission.

Every route declares exactly one permission through `requires(...)` (or `public()`): the
`PermissionRoute` class publishes it in the OpenAPI schema as `x-permission`, and a test fails for
any route that declares none.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.routing import APIRoute

from shared.auth.access import check
from shared.auth.permissions import AUTHENTICATED, MASTER, PERMISSION_KEYS, PUBLIC
from shared.auth.principal import Principal, authenticate
from shared.auth.tokens import LOGIN_REQUIRED
from shared.errors import Forbidden, Unauthorized
from shared.observability import logger


def _authorizer_context(request: Request) -> dict[str, Any] | None:
    event = request.scope.get("aws.event") or {}
    return ((event.get("requestContext") or {}).get("authorizer") or {}).get("lambda")


def current_principal(request: Request) -> Principal:
    """The caller, from the API Gateway authorizer's verdict (AWS) or the bearer token (locally)."""
    ctx = _authorizer_context(request)
    if ctx:
        status = str(ctx.get("error_status", ""))
        if status:
            error = Forbidden if status == "403" else Unauthorized
            raise error(str(ctx.get("error_detail") or LOGIN_REQUIRED))
        principal = Principal.from_context(ctx)
    else:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized(LOGIN_REQUIRED)
        principal = authenticate(token.strip())
    logger.append_keys(tenant_id=principal.tenant_id or "platform", user_id=principal.user_id)
    return principal


class Requires:
    """Dependency: the caller must hold `permission` (and its module must be on for the company)."""

    def __init__(self, permission: str):
        if permission not in PERMISSION_KEYS and permission not in (AUTHENTICATED, MASTER):
            raise ValueError(f"unknown permission {permission!r}")
        self.permission = permission

    def __call__(self, principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
        check(principal, self.permission)
        return principal


class Public:
    """Dependency marker for routes open without login (login, health, signed webhooks)."""

    permission = PUBLIC

    def __call__(self) -> None:
        return None


def requires(permission: str) -> Any:
    return Depends(Requires(permission))


def public() -> Any:
    return Depends(Public())


def _declared(dependant) -> list[str]:
    found = []
    for dep in dependant.dependencies:
        if isinstance(dep.call, Requires | Public):
            found.append(dep.call.permission)
        found.extend(_declared(dep))
    return found


class PermissionRoute(APIRoute):
    """Publishes the route's declared permission in OpenAPI (`x-permission`)."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        declared = _declared(self.dependant)
        if len(set(declared)) > 1:
            raise ValueError(f"route {self.path} declares several permissions: {declared}")
        if declared:
            self.openapi_extra = {**(self.openapi_extra or {}), "x-permission": declared[0]}
