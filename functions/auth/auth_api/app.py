"""Auth function: health, login, token refresh, logout, password change and the caller's profile."""

from __future__ import annotations

from typing import Annotated

from fastapi import Response

from shared.auth import service
from shared.auth.models import LoginRequest, Me, PasswordChange, RefreshRequest, TokenPair
from shared.auth.permissions import AUTHENTICATED
from shared.auth.principal import Principal
from shared.auth.profile import me as build_me
from shared.http.app import create_app, lambda_handler, new_router
from shared.http.security import public, requires
from shared.users.models import UserPublic

router = new_router(prefix="/api", tags=["auth"])
Caller = Annotated[Principal, requires(AUTHENTICATED)]


def _pair(tokens: service.Tokens) -> TokenPair:
    return TokenPair(access_token=tokens.access_token, refresh_token=tokens.refresh_token,
                     expires_in=tokens.expires_in, user=UserPublic.of(tokens.user))


@router.get("/health", dependencies=[public()])
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.post("/auth/login", dependencies=[public()])
def login(body: LoginRequest) -> TokenPair:
    return _pair(service.login(body.email, body.password))


@router.post("/auth/refresh", dependencies=[public()])
def refresh(body: RefreshRequest) -> TokenPair:
    return _pair(service.refresh(body.refresh_token))


@router.post("/auth/logout", dependencies=[public()], status_code=204)
def logout(body: RefreshRequest) -> Response:
    service.logout(body.refresh_token)
    return Response(status_code=204)


@router.post("/auth/password")
def change_password(caller: Caller, body: PasswordChange) -> TokenPair:
    return _pair(service.change_password(caller, body.current_password, body.new_password))


@router.get("/me")
def me(caller: Caller) -> Me:
    return build_me(caller)


app = create_app(router)
handler = lambda_handler(app)
