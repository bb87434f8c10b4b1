"""Storage of conversations and messages, who may see a conversation, and the inbox lists.

A conversation is unique per company and phone number (a guard item written in the same transaction).
Lists read the GSIs newest-first by last message: all (GSI1), one assignee or the unassigned (GSI2),
the conversations of one owner's clients (GSI3). Someone who sees only their own records sees the
union of "assigned to me", "unassigned" and "of my clients", merged by last message.
"""

from __future__ import annotations

from collections.abc import Callable

from shared import clock, keys
from shared.auth.principal import Principal
from shared.clients.models import ClientRecord
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.table import ConditionFailed, Table, TransactionFailed, TransactOp
from shared.errors import Conflict, NotFound
from shared.ids import is_valid_id, new_id
from shared.whatsapp.models import ConversationRecord, MessageRecord

NOT_FOUND = "Conversa não encontrada."
ATTEMPTS = 5


def get(tenant_id: str, conversation_id: str, *, consistent: bool = False) -> ConversationRecord:
    item = Table().get(keys.wa_conversation(tenant_id, conversation_id), consistent=consistent) \
        if is_valid_id(conversation_id) else None
    if not item:
        raise NotFound(NOT_FOUND)
    return ConversationRecord.from_item(item)


def by_phone(tenant_id: str, phone: str) -> ConversationRecord | None:
    guard = Table().get(keys.wa_phone_guard(tenant_id, phone), consistent=True)
    return get(tenant_id, guard["conversation_id"], consistent=True) if guard else None


def open_for(tenant_id: str, phone: str, *, contact_name: str | None = None,
             client: ClientRecord | None = None) -> ConversationRecord:
    """The conversation with this number, created (linked to `client`) the first time."""
    found = by_phone(tenant_id, phone)
    if found:
        return found
    conv = ConversationRecord(id=new_id(), tenant_id=tenant_id, phone=phone, contact_name=contact_name,
                              created_at=clock.now_iso()).linked(client)
    try:
        Table().transact([
            TransactOp("Put", item={**keys.wa_phone_guard(tenant_id, phone), "conversation_id": conv.id,
                                    "tenant_id": tenant_id}, condition="attribute_not_exists(PK)"),
            TransactOp("Put", item=conv.to_item(), condition="attribute_not_exists(PK)"),
        ])
    except TransactionFailed:
        found = by_phone(tenant_id, phone)  # opened by a concurrent message
        if found is None:
            raise
        return found
    return conv


def known_id(tenant_id: str, phone: str) -> str | None:
    """The id of the conversation with this number, if there is one (one guard read)."""
    guard = Table().get(keys.wa_phone_guard(tenant_id, phone), consistent=True)
    return guard["conversation_id"] if guard else None


def id_for(tenant_id: str, phone: str, *, contact_name: str | None = None,
           client: ClientRecord | None = None) -> str:
    """The id of the conversation with this number, opening it the first time."""
    return known_id(tenant_id, phone) or open_for(tenant_id, phone, contact_name=contact_name, client=client).id


def put_op(old: ConversationRecord, new: ConversationRecord) -> TransactOp:
    """Writes `new` over `old` only if nobody changed it meanwhile."""
    new = new.model_copy(update={"version": old.version + 1})
    return TransactOp("Put", item=new.to_item(), condition="version = :v", values={":v": old.version})


def change(tenant_id: str, conversation_id: str,
           mutate: Callable[[ConversationRecord], ConversationRecord]) -> ConversationRecord:
    for _ in range(ATTEMPTS):
        old = get(tenant_id, conversation_id, consistent=True)
        new = mutate(old).model_copy(update={"version": old.version + 1})
        try:
            Table().put(new.to_item(), condition="version = :v", values={":v": old.version})
            return new
        except ConditionFailed:
            continue
    raise Conflict("Esta conversa está sendo alterada por outra pessoa. Tente de novo.")


def add_message(tenant_id: str, conversation_id: str, message: MessageRecord, preview: str) -> ConversationRecord:
    """Stores a new message and the conversation's last-message summary together."""
    for _ in range(ATTEMPTS):
        old = get(tenant_id, conversation_id, consistent=True)
        new = old.with_message(message, preview)
        try:
            Table().transact([TransactOp("Put", item=message.to_item(), condition="attribute_not_exists(PK)"),
                              put_op(old, new)])
            return new
        except TransactionFailed:
            continue
    raise Conflict("Esta conversa está sendo alterada por outra pessoa. Tente de novo.")


def outgoing_ops(message: MessageRecord, preview: str) -> list[TransactOp]:
    """A message the team sends, stored with the conversation's last-message summary without reading
    the conversation first: an outgoing message is the newest (it is stamped as it is written) and
    answering reads the conversation. The version still moves, so a concurrent read-modify-write
    (an inbound message, an assignment) retries on top of it."""
    sort = f"{message.created_at}#{message.conversation_id}"
    return [TransactOp("Put", item=message.to_item(), condition="attribute_not_exists(PK)"),
            TransactOp("Update", key=keys.wa_conversation(message.tenant_id, message.conversation_id),
                       update="SET last_message_at = :at, last_message_preview = :p, last_direction = :d, "
                              "unread_count = :zero, GSI1SK = :sort, GSI2SK = :sort, GSI3SK = :sort, "
                              "version = version + :one",
                       condition="attribute_exists(PK)",
                       values={":at": message.created_at, ":p": preview[:160], ":d": message.direction,
                               ":zero": 0, ":sort": sort, ":one": 1})]


def claim_first_reply(tenant_id: str, conversation_id: str) -> bool:
    """True for the one reply that is the team's first in this conversation."""
    try:
        Table().update(keys.wa_conversation(tenant_id, conversation_id),
                       "SET first_reply_at = :t, version = version + :one",
                       condition="attribute_exists(PK) AND attribute_not_exists(first_reply_at)",
                       values={":t": clock.now_iso(), ":one": 1}, return_new=False)
        return True
    except ConditionFailed:
        return False


def message_ref_item(message: MessageRecord) -> dict:
    """wamid -> message (also the guard that stores an inbound message once)."""
    return {**keys.wa_message_ref(message.tenant_id, message.wa_message_id or ""), "entity": "wa_message_ref",
            "tenant_id": message.tenant_id, "conversation_id": message.conversation_id,
            "message_sk": message.keys()["SK"], "direction": message.direction}


def message_ref_op(message: MessageRecord, *, unless_pending: bool = False) -> TransactOp:
    """The ref of a message we sent, as an update: a status Meta reported before it (kept pending on
    the same item, see `statuses`) survives, and the item stops expiring. `unless_pending` makes the
    write fail when such a status is waiting, so the caller learns it without reading the ref."""
    item = message_ref_item(message)
    fields = [k for k in item if k not in ("PK", "SK")]
    return TransactOp("Update", key=keys.wa_message_ref(message.tenant_id, message.wa_message_id or ""),
                      update="SET " + ", ".join(f"#f{i} = :f{i}" for i in range(len(fields))) + " REMOVE expires_at",
                      names={f"#f{i}": f for i, f in enumerate(fields)},
                      values={f":f{i}": item[f] for i, f in enumerate(fields)},
                      condition="attribute_not_exists(pending_status)" if unless_pending else None)


def messages_page(conv: ConversationRecord, *, cursor: str | None,
                  limit: int) -> tuple[list[MessageRecord], str | None]:
    page = Table().query(keys.wa_conversation(conv.tenant_id, conv.id).pk, sk_prefix=keys.WA_MESSAGE_PREFIX,
                         forward=False, limit=limit, start_key=decode_cursor(cursor, conv.tenant_id))
    return [MessageRecord.from_item(i) for i in page.items], encode_cursor(page.last_key, conv.tenant_id)


# --- who sees what -------------------------------------------------------------------------------

def visible(principal: Principal, conv: ConversationRecord, client: ClientRecord | None) -> bool:
    if principal.data_scope == "all":
        return True
    owner = client.owner_id if client else conv.client_owner_id
    return conv.assignee_id in (None, principal.user_id) or owner == principal.user_id


def _streams(principal: Principal, inbox_filter: str) -> list[tuple[str, str]]:
    tenant, me = principal.tenant_id or "", principal.user_id
    if inbox_filter == "mine":
        return [("GSI2", keys.wa_conversations_by_assignee_pk(tenant, me))]
    if inbox_filter == "unassigned":
        return [("GSI2", keys.wa_conversations_by_assignee_pk(tenant, None))]
    if principal.data_scope == "all":
        return [("GSI1", keys.wa_conversations_pk(tenant))]
    return [("GSI2", keys.wa_conversations_by_assignee_pk(tenant, me)),
            ("GSI2", keys.wa_conversations_by_assignee_pk(tenant, None)),
            ("GSI3", keys.wa_conversations_by_owner_pk(tenant, me))]


def list_page(principal: Principal, inbox_filter: str, *, cursor: str | None,
              limit: int) -> tuple[list[ConversationRecord], str | None]:
    """Newest last message first. Each stream gives its `limit` newest before the cursor; the merged
    union's first `limit` are therefore complete, and the cursor is the last one's sort key."""
    tenant = principal.tenant_id or ""
    before = (decode_cursor(cursor, tenant) or {}).get("before")
    found: dict[str, ConversationRecord] = {}
    more = False
    for index, pk in _streams(principal, inbox_filter):
        page = Table().query(pk, index=index, sk_before=before if isinstance(before, str) else None,
                             limit=limit, forward=False)
        more = more or bool(page.last_key)
        for item in page.items:
            conv = ConversationRecord.from_item(item)
            found[conv.id] = conv
    ordered = sorted(found.values(), key=lambda c: c.sort_key, reverse=True)
    page_items = ordered[:limit]
    has_next = page_items and (len(ordered) > limit or more)
    return page_items, encode_cursor({"before": page_items[-1].sort_key}, tenant) if has_next else None
