"""Password hashing (argon2id) and the password policy."""

from __future__ import annotations

from functools import cache

from shared.errors import ValidationFailed
from shared.settings import get_settings


@cache
def _hasher():
    from argon2 import PasswordHasher, profiles  # argon2id in both profiles

    if get_settings().app_env == "test":
        return PasswordHasher.from_parameters(profiles.CHEAPEST)  # keeps the test suite quick
    # OWASP's argon2id baseline (19 MiB, 2 passes): strong, and affordable in a small Lambda.
    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@cache
def _dummy_hash() -> str:
    return _hasher().hash("impacte-dummy-password")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant-ish time: an unknown account still pays for one verification."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def check_password_policy(password: str, field: str = "password") -> None:
    minimum = get_settings().password_min_length
    if len(password) < minimum:
        raise ValidationFailed(f"A senha deve ter pelo menos {minimum} caracteres.", field=field)
    if len(password) > 128:
        raise ValidationFailed("A senha deve ter no máximo 128 caracteres.", field=field)
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        raise ValidationFailed("A senha deve conter letras e números.", field=field)
