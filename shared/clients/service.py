"""Client use cases: register, read, change, archive and restore, notes, timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shared import clock, keys
from shared.auth.principal import Principal
from shared.clients import custom_fields, repository
from shared.clients.models import ClientCreate, ClientFields, ClientRecord
from shared.clients.vocab import FIELD_LABELS
from shared.db.table import Table
from shared.errors import Forbidden, NotFound, ValidationFailed
from shared.funnel.stages import FIRST_STAGE
from shared.ids import is_valid_id, new_id
from shared.timeline import Actor, Change, TimelineEvent, new_event
from shared.timeline import page as timeline_page
from shared.users.models import UserRecord

if TYPE_CHECKING:  # built on first use (see shared.clients.models)
    from shared.clients.models import ClientUpdate

NESTED = ("address", "contract", "values", "consent")
EDITABLE = tuple(ClientFields.model_fields)


def actor(principal: Principal) -> Actor:
    return Actor(id=principal.user_id, name=principal.name)


def sees_all(principal: Principal) -> bool:
    return principal.data_scope == "all"


def visible(principal: Principal, client: ClientRecord) -> bool:
    return sees_all(principal) or client.owner_id == principal.user_id


def get(principal: Principal, client_id: str) -> ClientRecord:
    client = repository.get(_tenant(principal), client_id)
    if not visible(principal, client):
        raise NotFound(repository.NOT_FOUND)  # another seller's client does not exist for this caller
    return client


def _tenant(principal: Principal) -> str:
    assert principal.tenant_id
    return principal.tenant_id


def _context(tenant_id: str, owner_id: str | None) -> tuple[list[custom_fields.CustomField], UserRecord | None]:
    """One read: the company's custom fields and the chosen owner."""
    wanted = [keys.tenant_setting(tenant_id, custom_fields.SETTING)]
    if owner_id:
        if not is_valid_id(owner_id):
            raise ValidationFailed("Responsável não encontrado.", field="owner_id")
        wanted.append(keys.user(tenant_id, owner_id))
    found = Table().batch_get(wanted)
    owner = None
    if owner_id:
        if not found[1] or found[1].get("status") != "active":
            raise ValidationFailed("Responsável não encontrado ou desativado.", field="owner_id")
        owner = UserRecord.from_item(found[1])
    return custom_fields.definitions_from_item(found[0]), owner


def _check_owner(principal: Principal, owner_id: str | None) -> None:
    if not sees_all(principal) and owner_id != principal.user_id:
        raise Forbidden("Você só pode cuidar de clientes sob sua responsabilidade.")


def _stamp_consent(old: ClientRecord | None, fields: ClientFields) -> ClientFields:
    now = clock.now_iso()
    consent = fields.consent.model_copy(deep=True)
    for channel in ("whatsapp", "email"):
        entry = getattr(consent, channel)
        before = getattr(old.consent, channel) if old else None
        changed = before is None or (entry.status, entry.legal_basis) != (before.status, before.legal_basis)
        if changed and (entry.status != "unknown" or before is not None):
            entry.updated_at = now
        elif before is not None:
            entry.updated_at = before.updated_at
    return fields.model_copy(update={"consent": consent})


def create(principal: Principal, data: ClientCreate, *, event_kind: str = "created",
           event_data: dict | None = None) -> ClientRecord:
    tenant_id = _tenant(principal)
    owner_id = data.owner_id or principal.user_id
    _check_owner(principal, owner_id)
    defs, _ = _context(tenant_id, owner_id)
    fields = data.model_copy(update={"owner_id": owner_id,
                                     "custom_fields": custom_fields.validate_values(defs, data.custom_fields)})
    fields = _stamp_consent(None, fields)
    now = clock.now_iso()
    client = ClientRecord(**fields.model_dump(), id=new_id(), tenant_id=tenant_id, card_id=new_id(),
                          stage=FIRST_STAGE, stage_entered_at=now, last_activity_at=now, created_at=now,
                          updated_at=now, created_by=principal.user_id)
    event = new_event(tenant_id, client.id, event_kind, actor(principal), data=event_data or {})
    return repository.save(None, client, [event])


def merged_fields(old: ClientRecord, data: ClientUpdate) -> ClientFields:
    """The old fields with the sent ones on top, validated together (document vs type, names...)."""
    current = old.model_dump(include=set(EDITABLE))
    current.update(data.model_dump(exclude_unset=True))
    for nested in ("values", "consent"):
        if current.get(nested) is None:
            current.pop(nested)
    if current.get("tags") is None:
        current["tags"] = []
    if current.get("custom_fields") is None:
        current["custom_fields"] = {}
    return ClientFields.model_validate(current)


def update(principal: Principal, client_id: str, data: ClientUpdate) -> ClientRecord:
    old = get(principal, client_id)
    if old.status == "anonymized":
        raise ValidationFailed("Um cliente anonimizado não pode ser alterado.")
    if old.archived:
        raise ValidationFailed("Restaure o cliente arquivado antes de editá-lo.")
    sent = data.model_dump(exclude_unset=True)
    if "owner_id" in sent:
        _check_owner(principal, sent["owner_id"])
    fields = merged_fields(old, data)
    defs, _ = _context(old.tenant_id, fields.owner_id if "owner_id" in sent else None)
    fields = fields.model_copy(update={"custom_fields": custom_fields.validate_values(defs, fields.custom_fields)})
    fields = _stamp_consent(old, fields)
    now = clock.now_iso()
    new = ClientRecord.model_validate({**old.model_dump(), **fields.model_dump(), "updated_at": now,
                                       "last_activity_at": now})
    changes = diff(old, new, defs)
    if not changes:
        return old
    event = new_event(old.tenant_id, old.id, "updated", actor(principal), changes=changes)
    return repository.save(old, new, [event])


def _flat(record: ClientRecord) -> dict[str, Any]:
    data = record.model_dump(mode="json", include=set(EDITABLE))
    flat: dict[str, Any] = {}
    for field, value in data.items():
        if field in NESTED:
            for sub, subvalue in (value or {}).items():
                if field == "consent":
                    subvalue = {k: v for k, v in (subvalue or {}).items() if k != "updated_at"}
                flat[f"{field}.{sub}"] = subvalue
        elif field == "custom_fields":
            for key, subvalue in (value or {}).items():
                flat[f"custom_fields.{key}"] = subvalue
        else:
            flat[field] = value
    return flat


def diff(old: ClientRecord, new: ClientRecord, defs: list[custom_fields.CustomField] = ()) -> list[Change]:
    labels = {**FIELD_LABELS, **{f"custom_fields.{d.key}": d.label for d in defs}}
    before, after = _flat(old), _flat(new)
    changes = []
    for field in sorted(set(before) | set(after)):
        if before.get(field) != after.get(field):
            changes.append(Change(field=field, label=labels.get(field, field), before=before.get(field),
                                  after=after.get(field)))
    return changes


def set_status(principal: Principal, client_id: str, status: str) -> ClientRecord:
    old = get(principal, client_id)
    if old.status == "anonymized":
        raise ValidationFailed("Um cliente anonimizado não pode ser alterado.")
    if old.status == status:
        return old
    now = clock.now_iso()
    new = old.model_copy(update={"status": status, "updated_at": now, "last_activity_at": now,
                                 "merged_into": None if status == "active" else old.merged_into})
    kind = "restored" if status == "active" else "archived"
    return repository.save(old, new, [new_event(old.tenant_id, old.id, kind, actor(principal))])


def add_note(principal: Principal, client_id: str, text: str) -> TimelineEvent:
    old = get(principal, client_id)
    text = (text or "").strip()
    if not text:
        raise ValidationFailed("Escreva a nota.", field="text")
    now = clock.now_iso()
    new = old.model_copy(update={"last_activity_at": now, "updated_at": now})
    event = new_event(old.tenant_id, old.id, "note", actor(principal), text=text)
    repository.save(old, new, [event])
    return event


def timeline(principal: Principal, client_id: str, *, cursor: str | None, limit: int):
    client = get(principal, client_id)
    return timeline_page(client.tenant_id, client.id, cursor=cursor, limit=limit)


