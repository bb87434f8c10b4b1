"""Funnel use cases: the board, a column's next page, Aplicar, Mover etapa, stalled cards, settings."""

from __future__ import annotations

from typing import Any

from shared import clock, events, keys
from shared.auth.principal import Principal
from shared.clients import repository as clients
from shared.clients import service as client_service
from shared.clients.models import ClientRecord
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.table import Table
from shared.errors import NotFound, ValidationFailed
from shared.funnel.models import Board, CardPublic, CardUpdate, FunnelSettings, MoveRequest, StageColumn, stalled_before
from shared.funnel.stages import CLOSED, DEFAULT_LOSS_REASONS, DEFAULT_STALLED_DAYS, LOST, STAGES, milestones_reached
from shared.ids import is_valid_id
from shared.timeline import new_event
from shared.users.repository import names as user_names

CARD_NOT_FOUND = "Card não encontrado."
SETTING = "FUNNEL"


# --- settings ----------------------------------------------------------------------------------

def settings_from_item(item: dict | None) -> FunnelSettings:
    if not item:
        return FunnelSettings(loss_reasons=DEFAULT_LOSS_REASONS, stalled_days=DEFAULT_STALLED_DAYS)
    return FunnelSettings(loss_reasons=item["loss_reasons"], stalled_days=item["stalled_days"])


def get_settings(tenant_id: str) -> FunnelSettings:
    return settings_from_item(Table().get(keys.tenant_setting(tenant_id, SETTING)))


def save_settings(tenant_id: str, data: FunnelSettings) -> FunnelSettings:
    Table().put({**keys.tenant_setting(tenant_id, SETTING), **data.model_dump(), "updated_at": clock.now_iso()})
    return data


# --- reading the board -------------------------------------------------------------------------

def _owner_filter(principal: Principal, owner_id: str | None) -> str | None:
    return owner_id if principal.data_scope == "all" else principal.user_id


def _column_query(tenant: str, stage: str, owner: str | None, *, limit: int, start: dict | None):
    pk = keys.board_pk(tenant, stage, owner)
    return Table().query(pk, index="GSI2" if owner else "GSI1", limit=limit, start_key=start, forward=False)


def board(principal: Principal, *, owner_id: str | None, limit: int) -> Board:
    tenant = principal.tenant_id or ""
    owner = _owner_filter(principal, owner_id)
    stats, settings_item = Table().batch_get([keys.board_stats(tenant), keys.tenant_setting(tenant, SETTING)])
    stalled_days = settings_from_item(settings_item).stalled_days
    names = user_names(tenant)
    suffix = f"@{owner}" if owner else ""
    columns = []
    for stage, label in STAGES.items():
        page = _column_query(tenant, stage, owner, limit=limit, start=None)
        columns.append(StageColumn(
            key=stage, label=label,
            count=max(0, int((stats or {}).get(f"count_{stage}{suffix}", 0))),
            value_cents=max(0, int((stats or {}).get(f"value_{stage}{suffix}", 0))),
            cards=[CardPublic.of(i, stalled_days, names) for i in page.items],
            next_cursor=encode_cursor(page.last_key, tenant),
        ))
    return Board(stages=columns)


def column_page(principal: Principal, stage: str, *, owner_id: str | None, cursor: str | None,
                limit: int) -> tuple[list[CardPublic], str | None]:
    if stage not in STAGES:
        raise NotFound("Etapa não encontrada.")
    tenant = principal.tenant_id or ""
    page = _column_query(tenant, stage, _owner_filter(principal, owner_id), limit=limit,
                         start=decode_cursor(cursor, tenant))
    stalled_days = get_settings(tenant).stalled_days
    names = user_names(tenant)
    return [CardPublic.of(i, stalled_days, names) for i in page.items], encode_cursor(page.last_key, tenant)


def _card_client(principal: Principal, card_id: str) -> ClientRecord:
    tenant = principal.tenant_id or ""
    item = Table().get(keys.card(tenant, card_id)) if is_valid_id(card_id) else None
    if not item:
        raise NotFound(CARD_NOT_FOUND)
    client = clients.get(tenant, item["client_id"])
    if not client_service.visible(principal, client):
        raise NotFound(CARD_NOT_FOUND)
    return client


def card_public(principal: Principal, client: ClientRecord) -> CardPublic:
    from shared.funnel.models import card_item

    tenant = principal.tenant_id or ""
    return CardPublic.of(card_item(client), get_settings(tenant).stalled_days, user_names(tenant))


def get_card(principal: Principal, card_id: str) -> CardPublic:
    return card_public(principal, _card_client(principal, card_id))


# --- changing cards ------------------------------------------------------------------------------

def apply(principal: Principal, card_id: str, data: CardUpdate) -> CardPublic:
    """Aplicar: save the opportunity's value, installments, dates and next step."""
    old = _card_client(principal, card_id)
    sent = data.model_dump(exclude_unset=True)
    values = old.values.model_copy(update={
        k: v for k, v in {"opportunity_value_cents": sent.get("value_cents", old.values.opportunity_value_cents),
                          "installments": sent.get("installments", old.values.installments),
                          "first_due_date": sent.get("first_due_date", old.values.first_due_date)}.items()})
    now = clock.now_iso()
    update: dict[str, Any] = {"values": values, "updated_at": now, "last_activity_at": now}
    for field in ("expected_close_date", "next_step", "next_step_due"):
        if field in sent:
            update[field] = sent[field]
    new = old.model_copy(update=update)
    changes = client_service.diff(old, new) + _card_changes(old, new)
    if not changes:
        return card_public(principal, old)
    event = new_event(old.tenant_id, old.id, "updated", client_service.actor(principal), changes=changes)
    return card_public(principal, clients.save(old, new, [event]))


def _card_changes(old: ClientRecord, new: ClientRecord):
    from shared.clients.vocab import FIELD_LABELS
    from shared.timeline import Change

    found = []
    for field in ("next_step", "next_step_due", "expected_close_date"):
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            found.append(Change(field=field, label=FIELD_LABELS[field],
                                before=str(before) if before else None, after=str(after) if after else None))
    return found


def move(principal: Principal, card_id: str, data: MoveRequest) -> CardPublic:
    """Mover etapa do funil (also drag and drop)."""
    for _ in range(3):  # a concurrent change to the same client: re-read and apply again
        old = _card_client(principal, card_id)
        if old.stage == data.stage:
            return card_public(principal, old)
        new = _moved(principal, old, data)
        event = new_event(old.tenant_id, old.id, "stage_moved", client_service.actor(principal),
                          from_stage=old.stage, to_stage=new.stage,
                          text=new.loss_reason if new.stage == LOST else None)
        try:
            saved = clients.save(old, new, [event])
        except clients.Conflict as exc:
            if isinstance(exc, clients.DuplicateClient):
                raise
            continue
        events.publish("funnel.stage_changed", saved.tenant_id, {
            "client_id": saved.id, "card_id": saved.card_id, "from_stage": old.stage, "to_stage": saved.stage,
            "actor_id": principal.user_id, "value_cents": saved.values.opportunity_value_cents or 0})
        return card_public(principal, saved)
    raise clients.Conflict("Este card está sendo alterado por outra pessoa. Tente de novo.")


def _moved(principal: Principal, old: ClientRecord, data: MoveRequest) -> ClientRecord:
    values = old.values
    if data.value_cents is not None:
        values = values.model_copy(update={"opportunity_value_cents": data.value_cents})
    loss_reason = None
    if data.stage == LOST:
        reasons = get_settings(old.tenant_id).loss_reasons
        if not data.loss_reason:
            raise ValidationFailed("Informe o motivo da perda para mover para Perdido.", field="loss_reason")
        if data.loss_reason not in reasons:
            raise ValidationFailed(f"Motivo de perda inválido (use: {', '.join(reasons)}).", field="loss_reason")
        loss_reason = data.loss_reason
    if data.stage == CLOSED and not values.opportunity_value_cents:
        raise ValidationFailed("Informe o valor da venda para mover para Fechado.", field="value_cents")
    now = clock.now_iso()
    return old.model_copy(update={
        "stage": data.stage, "stage_entered_at": now, "last_activity_at": now, "updated_at": now,
        "values": values, "loss_reason": loss_reason,
        "milestones": sorted(set(old.milestones) | milestones_reached(data.stage)),
    })


# --- stalled opportunities -------------------------------------------------------------------------

def stalled(principal: Principal, *, cursor: str | None, limit: int,
            owner_id: str | None = None) -> tuple[list[CardPublic], str | None]:
    """Cards idle longer than their stage allows, oldest first, stage by stage."""
    tenant = principal.tenant_id or ""
    owner = _owner_filter(principal, owner_id)
    days = get_settings(tenant).stalled_days
    stages = [s for s in STAGES if days.get(s)]
    position = decode_cursor(cursor, tenant) or {}
    start_stage, start_key = position.get("stage"), position.get("key")
    if start_stage in stages:
        stages = stages[stages.index(start_stage):]
    names = user_names(tenant)
    found: list[CardPublic] = []
    for stage in stages:
        threshold = stalled_before(days[stage] or 0)
        key = start_key if stage == start_stage else None
        while len(found) < limit:
            page = Table().query(keys.board_pk(tenant, stage, owner), index="GSI2" if owner else "GSI1",
                                 sk_before=threshold, limit=limit - len(found), start_key=key)
            found += [CardPublic.of(i, days, names) for i in page.items]
            key = page.last_key
            if not key:
                break
        if len(found) >= limit:
            return found, encode_cursor({"stage": stage, "key": key} if key else _next(stages, stage), tenant)
    return found, None


def _next(stages: list[str], stage: str) -> dict | None:
    later = stages[stages.index(stage) + 1:]
    return {"stage": later[0], "key": None} if later else None
