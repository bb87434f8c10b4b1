"""Platform secrets read from AWS Secrets Manager (the local stack generates them at start)."""

from __future__ import annotations

from functools import cache

from shared.aws import client
from shared.settings import get_settings


@cache
def signing_key() -> str:
    """The key that signs access tokens and pagination cursors."""
    settings = get_settings()
    sm = client("secretsmanager")
    try:
        return sm.get_secret_value(SecretId=settings.jwt_secret_id)["SecretString"]
    except sm.exceptions.ResourceNotFoundException:
        if settings.is_local:
            return settings.local_signing_key
        raise


def reset_secret_cache() -> None:
    signing_key.cache_clear()
