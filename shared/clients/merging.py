"""Joining duplicates: two clients into one (the merge action), or an imported row into a client.

Merging two clients: the target keeps its id and card; each editable field comes from the side the
person chose (target by default; tags default to both sides joined). Writes, in this order:
1. the source is archived (merged_into = target) with a "merged" event: this releases its CPF/CNPJ,
   WhatsApp and e-mail, which a DynamoDB transaction could not release and re-claim in one go;
2. the target is updated through the client service (same rules and timeline entry as an edit);
   if that fails the source is put back as it was;
3. the source's timeline is copied into the target's (`data.merged_from`), and the target gets its
   "merged" event.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from shared import clock
from shared.auth.principal import Principal
from shared.clients import csv_io, repository, service
from shared.clients.models import ClientRecord, ClientUpdate
from shared.db.table import Table, TransactOp
from shared.errors import NotFound, ValidationFailed
from shared.ids import is_valid_id
from shared.timeline import all_events, append, new_event

Side = Literal["target", "source"]


class MergeRequest(BaseModel):
    source_id: str = Field(max_length=40)
    fields: dict[str, Side] = Field(default_factory=dict)


def _source(principal: Principal, source_id: str, target: ClientRecord) -> ClientRecord:
    if source_id == target.id:
        raise ValidationFailed("Escolha outro cliente: não é possível unir um cliente com ele mesmo.",
                               field="source_id")
    try:
        source = service.get(principal, source_id) if is_valid_id(source_id) else None
    except NotFound:
        source = None
    if source is None:
        raise NotFound("Cliente a unir não encontrado.", field="source_id")
    if source.archived:
        raise ValidationFailed("O cliente escolhido está arquivado ou anonimizado e não pode ser unido.",
                               field="source_id")
    return source


def _chosen(target: ClientRecord, source: ClientRecord, choices: dict[str, Side]) -> dict[str, Any]:
    """The fields whose value changes on the target, validated together with the ones that stay."""
    unknown = sorted(set(choices) - set(service.EDITABLE))
    if unknown:
        raise ValidationFailed(f"Campo desconhecido: {unknown[0]}.", field=f"fields.{unknown[0]}")
    sent = {f: getattr(source, f) for f, side in choices.items() if side == "source"}
    if "tags" not in choices:
        sent["tags"] = [*target.tags, *source.tags]  # the model drops repeats
    data = ClientUpdate.model_validate({f: v.model_dump() if isinstance(v, BaseModel) else v
                                        for f, v in sent.items()})
    service.merged_fields(target, data)  # cross-field rules (document vs type, names...) before any write
    return data.model_dump(exclude_unset=True)


def merge(principal: Principal, target_id: str, request: MergeRequest) -> ClientRecord:
    target = service.get(principal, target_id)
    if target.archived:
        raise ValidationFailed("Um cliente anonimizado não pode ser alterado." if target.status == "anonymized"
                               else "Restaure este cliente antes de uni-lo a outro.")
    source = _source(principal, request.source_id, target)
    update = _chosen(target, source, request.fields)
    history = all_events(source.tenant_id, source.id)
    now = clock.now_iso()
    archived = source.model_copy(update={"status": "archived", "merged_into": target.id, "updated_at": now,
                                         "last_activity_at": now})
    gone = new_event(source.tenant_id, source.id, "merged", service.actor(principal),
                     data={"role": "source", "other_id": target.id, "other_name": target.display_name})
    archived = repository.save(source, archived, [gone])
    try:
        merged = service.update(principal, target.id, ClientUpdate.model_validate(update))
    except Exception:
        back = source.model_copy(update={"version": archived.version})
        repository.save(archived, back, extra=[TransactOp("Delete", key=gone.keys())])
        raise
    for event in history:
        copy = event.model_copy(update={"client_id": target.id, "data": {**event.data, "merged_from": source.id}})
        Table().put(copy.to_item())
    append(new_event(target.tenant_id, target.id, "merged", service.actor(principal),
                     data={"role": "target", "other_id": source.id, "other_name": source.display_name}))
    return merged


def absorb(principal: Principal, client_id: str, data: dict[str, Any]) -> ClientRecord:
    """An imported row's values (`csv_io.row_values`) over an existing client: groups merged key by
    key and tags joined, so the row only adds and corrects what it has."""
    existing = service.get(principal, client_id)
    current = existing.model_dump(include=set(service.EDITABLE))
    update = csv_io.named(data, data.get("type") or existing.type)
    for group in ("address", "contract", "values", "custom_fields"):
        if group in update:
            update[group] = {**(current.get(group) or {}), **update[group]}
    if "tags" in update:
        update["tags"] = [*existing.tags, *update["tags"]]
    return service.update(principal, client_id, ClientUpdate.model_validate(update))
