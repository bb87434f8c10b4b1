"""Lead capture: `POST /webhooks/leads/{hook_id}` from the company's site or ad platforms.

The route id names the company (its "leads" integration). Each minute's leads are counted per company
(a conditional ADD), so a flooded form answers 429 instead of filling the base. A lead becomes a new
client in Novo contato, or updates the client that already has its WhatsApp/phone or e-mail; either
way its message lands on the client's timeline as `lead_received` with origin, campaign and UTMs.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, create_model, field_validator

from shared import clock, keys
from shared.br.phones import InvalidPhone, format_phone, normalize_phone
from shared.clients import service as client_service
from shared.clients.models import ClientCreate, ClientRecord, ClientUpdate, LongText, OptionalEmail, Phone, Text
from shared.clients.repository import DuplicateClient
from shared.clients.vocab import ORIGINS
from shared.db.table import ConditionFailed, Table
from shared.errors import NotFound, TooManyRequests, ValidationFailed
from shared.integrations.service import get_config, tenant_for_hook
from shared.leads import contacts
from shared.text import fold
from shared.timeline import Actor, new_event

UNKNOWN_ROUTE = "Endereço de captura de leads não encontrado ou desativado."
ACTOR = Actor(id=None, name="Captura de leads")
UTMS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content")
FIELDS = ("name", "phone", "email", "message", "origin", "campaign", *UTMS)


class _Contact(BaseModel):
    """What a form sends; unknown fields (a submit button, a honeypot...) are ignored."""

    model_config = ConfigDict(extra="ignore")

    name: Text = None
    phone: Phone = None
    email: OptionalEmail = None
    message: LongText = None
    origin: Text = None

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        try:
            return None if value is None else normalize_phone(value)
        except InvalidPhone as exc:
            raise ValueError(str(exc)) from None

    def origin_key(self) -> str | None:
        """The origin sent, as a known key (`site`) or label (`Indicação`); None when unknown."""
        wanted = fold(self.origin or "")
        return next((k for k, label in ORIGINS.items() if wanted in (k, fold(label))), None)


# ... plus the campaign and UTMs, typed as the client's own fields.
LeadInput = create_model("LeadInput", __base__=_Contact, **{f: (Text, None) for f in ("campaign", *UTMS)})


def _plain(fields: dict[str, Any]) -> dict[str, str]:
    """Text of the known fields (JSON numbers become text; lists and objects are not a field's value)."""
    return {k: str(v) for k, v in fields.items()
            if k in FIELDS and isinstance(v, str | int | float) and not isinstance(v, bool)}


def _take_slot(tenant_id: str, limit: int) -> None:
    now = clock.now()
    try:
        Table().update(keys.lead_rate(tenant_id, now.strftime("%Y-%m-%dT%H:%M")),
                       "ADD #n :one SET expires_at = :exp, tenant_id = :t",
                       condition="attribute_not_exists(#n) OR #n < :limit", names={"#n": "received"},
                       values={":one": 1, ":limit": limit, ":exp": int(now.timestamp()) + 120, ":t": tenant_id},
                       return_new=False)
    except ConditionFailed:
        wait = max(1, 60 - now.second)
        raise TooManyRequests(f"Muitos contatos recebidos em pouco tempo por este endereço. Tente novamente em "
                              f"{wait} segundos.", retry_after=wait) from None


def capture(hook_id: str, fields: dict[str, Any]) -> str:
    """Registers or updates the lead's client; returns its id."""
    tenant_id = tenant_for_hook(hook_id, "leads")
    config = get_config(tenant_id, "leads") if tenant_id else None
    if not tenant_id or not config or not config.enabled:
        raise NotFound(UNKNOWN_ROUTE)
    _take_slot(tenant_id, config.settings.rate_limit_per_minute)
    lead = LeadInput.model_validate(_plain(fields))
    if not (lead.phone or lead.email):
        raise ValidationFailed("Informe o telefone ou o e-mail do contato.", field="phone")
    settings = config.settings
    origin = lead.origin_key() or settings.default_origin
    campaign = lead.campaign or settings.default_campaign
    client_id = _existing(tenant_id, lead)
    is_new = client_id is None
    if is_new:
        data = _new_client(lead, origin, campaign, settings.default_owner_id)
        try:
            client_id = contacts.register(contacts.system_principal(tenant_id, ACTOR.name or ""), data).id
        except DuplicateClient as dup:  # registered by a lead that arrived at the same moment
            client_id, is_new = dup.existing_client_id, False
    event = {"text": lead.message, "data": _attribution(lead, origin, campaign)}
    _record(tenant_id, client_id, _sent_fields(lead) if not is_new else {}, event)
    return client_id


def _existing(tenant_id: str, lead: _Contact) -> str | None:
    found = contacts.find_by_phone(tenant_id, lead.phone) if lead.phone else None
    return found or (contacts.find_by_email(tenant_id, lead.email) if lead.email else None)


def _phone_fields(phone: str | None) -> dict[str, str]:
    if not phone:
        return {}
    return {"whatsapp": phone} if contacts.is_mobile(phone) else {"phone": phone}


def _new_client(lead: _Contact, origin: str, campaign: str | None, owner_id: str | None) -> ClientCreate:
    first, last = contacts.split_name(lead.name)
    if not first:
        first = lead.email.split("@")[0][:120] if lead.email else format_phone(lead.phone)
    return ClientCreate(type="pf", first_name=first, last_name=last, email=lead.email, origin=origin,
                        campaign=campaign, owner_id=owner_id, **_phone_fields(lead.phone),
                        **{u: getattr(lead, u) for u in UTMS})


def _sent_fields(lead: _Contact) -> dict[str, Any]:
    """What the lead brings to an existing client: every non-empty field it sent."""
    first, last = contacts.split_name(lead.name)
    sent: dict[str, Any] = {"first_name": first, "last_name": last, "email": lead.email, "campaign": lead.campaign,
                            "origin": lead.origin_key(), **_phone_fields(lead.phone),
                            **{u: getattr(lead, u) for u in UTMS}}
    return {k: v for k, v in sent.items() if v}


def _attribution(lead: _Contact, origin: str, campaign: str | None) -> dict[str, Any]:
    label = ORIGINS[origin] + (f" · {campaign}" if campaign else "")
    data = {"summary": f"Lead recebido: {label}", "origin": origin, "campaign": campaign,
            "origin_sent": lead.origin if lead.origin and not lead.origin_key() else None,
            **{u: getattr(lead, u) for u in UTMS}}
    return {k: v for k, v in data.items() if v}


def _record(tenant_id: str, client_id: str, sent: dict[str, Any], event: dict[str, Any]) -> None:
    for _ in range(len(sent) + 1):
        try:
            contacts.change_client(tenant_id, client_id, lambda old, sent=sent: _updated(old, sent, event))
            return
        except DuplicateClient as dup:  # that phone or e-mail belongs to another client: it stays there
            sent = {k: v for k, v in sent.items() if k != dup.field}


def _updated(old: ClientRecord, sent: dict[str, Any], event: dict[str, Any]):
    """The client with the lead's fields, its changes, then the lead itself (newest on the timeline)."""
    if old.type != "pf":
        sent = {k: v for k, v in sent.items() if k not in ("first_name", "last_name")}
    fields = client_service.merged_fields(old, ClientUpdate.model_validate(sent))
    now = clock.now_iso()
    new = ClientRecord.model_validate({**old.model_dump(), **fields.model_dump(), "updated_at": now,
                                       "last_activity_at": now})
    changes = client_service.diff(old, new)
    events = [new_event(old.tenant_id, old.id, "updated", ACTOR, changes=changes)] if changes else []
    return new, [*events, new_event(old.tenant_id, old.id, "lead_received", ACTOR, **event)], []
