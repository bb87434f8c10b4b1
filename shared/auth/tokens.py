"""Access tokens (short-lived JWT, HS256) and refresh tokens (opaque, rotating, stored hashed).

A refresh token names its session and generation: ``v1.<scope>.<user_id>.<session_id>.<generation>.<secret>``
(scope is the tenant id, or ``P`` for SaaS staff). The session item keeps only the hash of the
current generation's secret: presenting an older generation means the token was stolen or replayed,
and the whole session is revoked.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from shared import clock
from shared.errors import Unauthorized
from shared.ids import is_valid_id
from shared.secrets import signing_key
from shared.settings import get_settings

ISSUER = "impacte-plus"
PLATFORM_SCOPE = "P"
INVALID_SESSION = "Sua sessão expirou ou é inválida. Entre novamente."
LOGIN_REQUIRED = "Faça login para continuar."


@dataclass(frozen=True)
class AccessClaims:
    user_id: str
    tenant_id: str | None
    session_id: str
    role: str
    issued_at: int
    expires_at: int


def issue_access_token(*, user_id: str, tenant_id: str | None, session_id: str, role: str) -> tuple[str, int]:
    import jwt

    ttl = get_settings().access_token_ttl_seconds
    now = clock.epoch_seconds()
    claims = {
        "iss": ISSUER,
        "sub": user_id,
        "tid": tenant_id,
        "sid": session_id,
        "role": role,
        "typ": "access",
        "iat": now,
        "exp": now + ttl,
    }
    return jwt.encode(claims, signing_key(), algorithm="HS256"), ttl


def decode_access_token(token: str) -> AccessClaims:
    import jwt

    try:
        claims = jwt.decode(
            token,
            signing_key(),
            algorithms=["HS256"],
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub", "sid", "typ"]},
            leeway=5,
        )
    except jwt.ExpiredSignatureError:
        raise Unauthorized("Sua sessão expirou. Entre novamente.") from None
    except jwt.PyJWTError:
        raise Unauthorized(INVALID_SESSION) from None
    if claims.get("typ") != "access":
        raise Unauthorized(INVALID_SESSION)
    tenant_id = claims.get("tid")
    if not is_valid_id(claims["sub"]) or not is_valid_id(claims["sid"]) or (
        tenant_id is not None and not is_valid_id(tenant_id)
    ):
        raise Unauthorized(INVALID_SESSION)
    return AccessClaims(
        user_id=claims["sub"],
        tenant_id=tenant_id,
        session_id=claims["sid"],
        role=str(claims.get("role", "")),
        issued_at=int(claims["iat"]),
        expires_at=int(claims["exp"]),
    )


@dataclass(frozen=True)
class RefreshToken:
    tenant_id: str | None
    user_id: str
    session_id: str
    generation: int
    secret: str

    def __str__(self) -> str:
        scope = self.tenant_id or PLATFORM_SCOPE
        return f"v1.{scope}.{self.user_id}.{self.session_id}.{self.generation}.{self.secret}"

    @property
    def secret_hash(self) -> str:
        return hash_secret(self.secret)


def new_refresh_token(tenant_id: str | None, user_id: str, session_id: str, generation: int) -> RefreshToken:
    return RefreshToken(tenant_id, user_id, session_id, generation, secrets.token_urlsafe(32))


def parse_refresh_token(raw: str) -> RefreshToken:
    parts = (raw or "").strip().split(".")
    if len(parts) != 6 or parts[0] != "v1":
        raise Unauthorized(INVALID_SESSION)
    _, scope, user_id, session_id, generation, secret = parts
    tenant_id = None if scope == PLATFORM_SCOPE else scope
    if (tenant_id is not None and not is_valid_id(tenant_id)) or not is_valid_id(user_id) \
            or not is_valid_id(session_id) or not generation.isdigit() or len(secret) < 20:
        raise Unauthorized(INVALID_SESSION)
    return RefreshToken(tenant_id, user_id, session_id, int(generation), secret)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same_hash(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
