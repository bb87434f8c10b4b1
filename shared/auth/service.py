"""Login, token refresh with rotation, logout and password change."""

from __future__ import annotations

from dataclasses import dataclass

from shared import clock, keys
from shared.auth import lockout
from shared.auth.passwords import check_password_policy, hash_password, verify_password
from shared.auth.principal import Principal, build_principal, load_account
from shared.auth.sessions import SessionRecord
from shared.auth.tokens import (
    INVALID_SESSION,
    issue_access_token,
    new_refresh_token,
    parse_refresh_token,
    same_hash,
)
from shared.db.table import ConditionFailed, Table, TransactOp
from shared.errors import Unauthorized, ValidationFailed
from shared.ids import new_id
from shared.settings import get_settings
from shared.text import normalize_email
from shared.users.models import UserRecord

WRONG_CREDENTIALS = "E-mail ou senha incorretos."
REUSED = "Por segurança, sua sessão foi encerrada. Entre novamente."


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: int
    user: UserRecord


def _session_ttl() -> int:
    return clock.epoch_seconds() + get_settings().refresh_token_ttl_days * 86400


def _start_session(user: UserRecord, extra_ops: list[TransactOp] | None = None) -> Tokens:
    session_id = new_id()
    refresh = new_refresh_token(user.tenant_id, user.id, session_id, 0)
    now = clock.now_iso()
    record = SessionRecord(id=session_id, user_id=user.id, tenant_id=user.tenant_id, generation=0,
                           secret_hash=refresh.secret_hash, created_at=now, last_used_at=now,
                           expires_at=_session_ttl())
    ops = [TransactOp("Put", item=record.to_item(), condition="attribute_not_exists(PK)"), *(extra_ops or [])]
    Table().transact(ops)
    access, ttl = issue_access_token(user_id=user.id, tenant_id=user.tenant_id, session_id=session_id,
                                     role=user.role)
    return Tokens(access, str(refresh), ttl, user)


def login(email: str, password: str) -> Tokens:
    email = normalize_email(email)
    table = Table()
    guard, attempts = table.batch_get([keys.email_guard(email), keys.login_attempts(email)], consistent=True)
    lockout.reserve_attempt(email, attempts)

    user = tenant = roles_item = None
    if guard:
        user, tenant, roles_item, _ = load_account(guard.get("tenant_id"), guard["user_id"])
    if not verify_password(user.password_hash if user else None, password) or user is None:
        raise Unauthorized(WRONG_CREDENTIALS)

    build_principal(user, tenant, roles_item, session_id="")  # disabled user / suspended company
    now = clock.now_iso()
    touch = TransactOp("Update", key=keys.user(user.tenant_id, user.id), update="SET last_login_at = :now",
                       condition="attribute_exists(PK)", values={":now": now})
    forget = TransactOp("Delete", key=keys.login_attempts(email))
    tokens = _start_session(user, [touch, forget])
    return Tokens(tokens.access_token, tokens.refresh_token, tokens.expires_in,
                  user.model_copy(update={"last_login_at": now}))


def refresh(raw_token: str) -> Tokens:
    token = parse_refresh_token(raw_token)
    user, tenant, roles_item, session = load_account(token.tenant_id, token.user_id, token.session_id)
    if user is None or session is None or session.revoked or session.expires_at < clock.epoch_seconds():
        raise Unauthorized(INVALID_SESSION)
    if token.generation < session.generation:
        _revoke(session, "reuse")  # an old token came back: whoever holds the chain is suspect
        raise Unauthorized(REUSED)
    if token.generation != session.generation or not same_hash(token.secret_hash, session.secret_hash):
        raise Unauthorized(INVALID_SESSION)
    build_principal(user, tenant, roles_item, session.id)

    nxt = new_refresh_token(user.tenant_id, user.id, session.id, session.generation + 1)
    try:
        Table().update(
            keys.session(user.tenant_id, user.id, session.id),
            "SET generation = :next, secret_hash = :hash, last_used_at = :now, expires_at = :ttl",
            condition="generation = :gen AND secret_hash = :old AND revoked = :false",
            values={":next": nxt.generation, ":hash": nxt.secret_hash, ":now": clock.now_iso(),
                    ":ttl": _session_ttl(), ":gen": session.generation, ":old": session.secret_hash,
                    ":false": False},
            return_new=False,
        )
    except ConditionFailed:
        # Someone rotated this generation a moment ago: the same token was used twice.
        _revoke(session, "reuse")
        raise Unauthorized(REUSED) from None
    access, ttl = issue_access_token(user_id=user.id, tenant_id=user.tenant_id, session_id=session.id,
                                     role=user.role)
    return Tokens(access, str(nxt), ttl, user)


def logout(raw_token: str) -> None:
    """Ends the session the refresh token belongs to. Unknown or already-ended sessions are fine."""
    try:
        token = parse_refresh_token(raw_token)
    except Unauthorized:
        return
    session_item = Table().get(keys.session(token.tenant_id, token.user_id, token.session_id))
    if session_item:
        session = SessionRecord.from_item(session_item)
        if token.generation <= session.generation:
            _revoke(session, "logout")


def _revoke(session: SessionRecord, reason: str) -> None:
    Table().update(keys.session(session.tenant_id, session.user_id, session.id),
                   "SET revoked = :true, revoked_reason = :why",
                   values={":true": True, ":why": reason}, return_new=False)


def revoke_all_sessions(tenant_id: str | None, user_id: str, reason: str) -> int:
    table = Table()
    items = table.query_all(keys.user(tenant_id, user_id).pk, sk_prefix=keys.SESSION_PREFIX)
    for item in items:
        if not item.get("revoked"):
            _revoke(SessionRecord.from_item(item), reason)
    return len(items)


def change_password(principal: Principal, current_password: str, new_password: str) -> Tokens:
    user, *_ = load_account(principal.tenant_id, principal.user_id)
    if user is None:
        raise Unauthorized(INVALID_SESSION)
    if not verify_password(user.password_hash, current_password):
        raise ValidationFailed("A senha atual não confere.", field="current_password")
    check_password_policy(new_password, field="new_password")
    if current_password == new_password:
        raise ValidationFailed("A nova senha deve ser diferente da atual.", field="new_password")
    set_password(user, new_password, reason="password_changed")
    return _start_session(user)


def set_password(user: UserRecord, password: str, *, reason: str) -> None:
    """Stores a new password hash and ends every session of the user."""
    Table().update(keys.user(user.tenant_id, user.id), "SET password_hash = :h, updated_at = :now",
                   condition="attribute_exists(PK)",
                   values={":h": hash_password(password), ":now": clock.now_iso()}, return_new=False)
    revoke_all_sessions(user.tenant_id, user.id, reason)
