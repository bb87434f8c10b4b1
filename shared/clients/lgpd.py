"""LGPD requests about one client: a copy of everything stored about them, and anonymization.

Anonymizing is irreversible: the personal fields are cleared (the name becomes "Cliente
anonimizado"), the client leaves the board, the search and the uniqueness guards (the repository
does that for any status other than active), every timeline entry loses the personal data it
carried (changed values, note texts, names of merged clients become "[removido]") and a last
"anonymized" entry is added. Business figures (stage, values, origin, campaign, dates) stay, so
the company's reports keep adding up. Asking again only scrubs the timeline again.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from shared import clock
from shared.auth.principal import Principal
from shared.clients import repository, service
from shared.clients.api_models import TimelineEventPublic
from shared.clients.models import ClientRecord, Consent
from shared.db.table import Table
from shared.funnel.stages import STAGES
from shared.timeline import all_events, new_event

ANONYMOUS = "Cliente anonimizado"
REMOVED = "[removido]"
CARD_FIELDS = ("card_id", "stage", "stage_entered_at", "last_activity_at", "next_step", "next_step_due",
               "expected_close_date", "loss_reason", "milestones")
PERSONAL = ("first_name", "last_name", "trade_name", "legal_name", "document", "phone", "whatsapp", "email",
            "address", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "notes",
            "next_step")


class LgpdExport(BaseModel):
    exported_at: str
    client: dict[str, Any]
    card: dict[str, Any]
    timeline: list[TimelineEventPublic]


def export(principal: Principal, client_id: str) -> LgpdExport:
    client = service.get(principal, client_id)
    data = client.model_dump(mode="json")
    card = {f: data[f] for f in CARD_FIELDS} | {"stage_label": STAGES.get(client.stage, client.stage),
                                                 "on_board": not client.archived}
    events = sorted(all_events(client.tenant_id, client.id), key=lambda e: (e.at, e.id), reverse=True)
    return LgpdExport(exported_at=clock.now_iso(), client=data, card=card,
                      timeline=[TimelineEventPublic.of(e) for e in events])


def anonymize(principal: Principal, client_id: str) -> ClientRecord:
    client = service.get(principal, client_id)
    if client.status != "anonymized":
        now = clock.now_iso()
        name = {"trade_name": ANONYMOUS} if client.type == "pj" else {"first_name": ANONYMOUS}
        cleared = client.model_copy(update={
            **dict.fromkeys(PERSONAL), **name, "tags": [], "custom_fields": {}, "consent": Consent(),
            "contract": client.contract.model_copy(update={"number": None}) if client.contract else None,
            "status": "anonymized", "updated_at": now, "last_activity_at": now,
        })
        event = new_event(client.tenant_id, client.id, "anonymized", service.actor(principal))
        client = repository.save(client, cleared, [event])
    for event in all_events(client.tenant_id, client.id):
        scrubbed = event.model_copy(update={
            "text": REMOVED if event.text else None,
            "changes": [c.model_copy(update={"before": REMOVED if c.before not in (None, "", []) else c.before,
                                             "after": REMOVED if c.after not in (None, "", []) else c.after})
                        for c in event.changes],
            "data": {k: REMOVED if k in ("other_name", "summary") else v for k, v in event.data.items()},
        })
        if scrubbed != event:
            Table().put(scrubbed.to_item())
    _scrub_charges(client)
    return client


def _scrub_charges(client: ClientRecord) -> None:
    """Charges are fiscal records and stay (amounts, dates, Cora ids), but the copy of the person's name
    each one carries for the lists goes."""
    from shared import keys

    table = Table()
    for item in table.query_all(keys.charges_by_client_pk(client.tenant_id, client.id), index="GSI2"):
        if item.get("client_name") != ANONYMOUS:
            table.update({"PK": item["PK"], "SK": item["SK"]}, "SET client_name = :n",
                         condition="attribute_exists(PK)", values={":n": ANONYMOUS}, return_new=False)
