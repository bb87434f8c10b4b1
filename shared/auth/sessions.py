"""Login sessions: one item per refresh-token chain, under its user."""

from __future__ import annotations

from shared import keys
from shared.db.records import Record


class SessionRecord(Record):
    entity = "session"

    id: str
    user_id: str
    tenant_id: str | None = None
    generation: int = 0
    secret_hash: str
    revoked: bool = False
    revoked_reason: str | None = None
    created_at: str
    last_used_at: str
    expires_at: int  # epoch seconds; DynamoDB TTL removes the item afterwards

    def keys(self) -> dict[str, str]:
        return dict(keys.session(self.tenant_id, self.user_id, self.id))
