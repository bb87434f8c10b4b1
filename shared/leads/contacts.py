"""The client behind a contact that arrives from outside (a lead form, a WhatsApp message).

Who it is (by the uniqueness guards of its WhatsApp and e-mail, or a phone search term), a new client
registered by the system when nobody matches, and changes to an existing client that retry on a
concurrent edit. Webhooks have no logged-in user: they act through `system_principal`.
"""

from __future__ import annotations

from collections.abc import Callable

from shared import clock, keys
from shared.auth.principal import Principal
from shared.clients import repository
from shared.clients import service as client_service
from shared.clients.models import ClientCreate, ClientRecord
from shared.db.table import Table, TransactOp
from shared.errors import Conflict, ValidationFailed
from shared.timeline import TimelineEvent

ATTEMPTS = 5
Change = tuple[ClientRecord, list[TimelineEvent], list[TransactOp]]


def system_principal(tenant_id: str, name: str) -> Principal:
    """Acts for the company when a provider calls in: sees every client, is nobody's user (so a
    client it registers has no owner unless one is given)."""
    return Principal(user_id=None, tenant_id=tenant_id, session_id="system", role="sistema", name=name,
                     email="", permissions=frozenset(), data_scope="all", modules=frozenset(),
                     is_master=False)


def split_name(full: str | None) -> tuple[str | None, str | None]:
    """`Maria da Silva` -> (`Maria`, `da Silva`); blank -> (None, None)."""
    words = " ".join((full or "").split())
    if not words:
        return None, None
    first, _, last = words.partition(" ")
    return first[:120], (last[:120] or None)


def is_mobile(e164: str) -> bool:
    """Brazilian mobiles (+55, DDD, 9 digits starting with 9): the numbers that have WhatsApp."""
    return e164.startswith("+55") and len(e164) == 14 and e164[5] == "9"


def find_by_phone(tenant_id: str, e164: str) -> str | None:
    """The active client with this WhatsApp number (guard), or else with it as any of its phones."""
    guard = Table().get(keys.client_guard(tenant_id, "whatsapp", e164), consistent=True)
    if guard:
        return guard["client_id"]
    if not e164.startswith("+55"):
        return None
    page = Table().query(keys.search_pk(tenant_id), sk_prefix=f"x:{e164[3:]}#", limit=1)
    return page.items[0]["client_id"] if page.items else None


def find_by_email(tenant_id: str, email: str) -> str | None:
    guard = Table().get(keys.client_guard(tenant_id, "email", email), consistent=True)
    return guard["client_id"] if guard else None


def register(principal: Principal, data: ClientCreate) -> ClientRecord:
    """A new client for an arriving contact; an owner that no longer exists is dropped rather than
    losing the contact. Raises DuplicateClient when a concurrent arrival registered it first."""
    try:
        return client_service.create(principal, data)
    except ValidationFailed as exc:
        if exc.field != "owner_id" or not data.owner_id:
            raise
    return client_service.create(principal, data.model_copy(update={"owner_id": None}))


def touched(old: ClientRecord, **update) -> ClientRecord:
    """The client with fresh activity (its card stops being "parada") and any further changes."""
    now = clock.now_iso()
    return old.model_copy(update={"last_activity_at": now, "updated_at": now, **update})


def change_client(tenant_id: str, client_id: str, build: Callable[[ClientRecord], Change | None], *,
                  current: ClientRecord | None = None) -> ClientRecord:
    """Applies `build(current client)` -> (new client, timeline events, further operations of the same
    transaction), re-reading and building again when someone else changed the client meanwhile.
    `current`, when the caller has just read the client, saves the first read (the write is
    conditioned on its version, so a stale copy only costs a retry). DuplicateClient and a failed
    further operation (TransactionFailed) reach the caller."""
    for _ in range(ATTEMPTS):
        old = current if current is not None and current.id == client_id else repository.get(tenant_id, client_id)
        current = None
        change = build(old)
        if change is None:
            return old
        new, events, extra = change
        try:
            return repository.save(old, new, events, extra)
        except repository.DuplicateClient:
            raise
        except Conflict:
            continue
    raise Conflict("Este cliente está sendo alterado por outra pessoa. Tente de novo.")

