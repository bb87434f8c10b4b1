"""Opaque pagination cursors: DynamoDB's LastEvaluatedKey, signed for one scope (tenant or platform).

A cursor minted for company A does not verify for company B, and a tampered cursor is refused.
"""

from __future__ import annotations

from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer

from shared.errors import ValidationFailed
from shared.secrets import signing_key


def _serializer(scope: str) -> URLSafeSerializer:
    return URLSafeSerializer(signing_key(), salt=f"cursor:{scope}")


def encode_cursor(last_key: dict[str, Any] | None, scope: str) -> str | None:
    if not last_key:
        return None
    return _serializer(scope).dumps(last_key)


def decode_cursor(cursor: str | None, scope: str) -> dict[str, Any] | None:
    if not cursor:
        return None
    try:
        value = _serializer(scope).loads(cursor)
    except BadSignature:
        raise ValidationFailed("Cursor de paginação inválido. Recarregue a lista.", field="cursor") from None
    if not isinstance(value, dict):
        raise ValidationFailed("Cursor de paginação inválido. Recarregue a lista.", field="cursor")
    return value
