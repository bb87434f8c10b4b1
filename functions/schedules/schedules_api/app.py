"""Schedules function: scheduled WhatsApp and e-mail messages (Agendamentos) and message templates."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import Query, Response
from pydantic import BaseModel

from shared.auth.principal import Principal
from shared.http.app import Page, create_app, lambda_handler, new_router
from shared.http.security import requires
from shared.schedules.models import (
    MessageTemplate,
    MessageTemplateFields,
    Preview,
    PreviewRequest,
    ScheduleCreate,
    ScheduleFields,
    SchedulePublic,
)

# The schedules service and rendering (and the clients, WhatsApp and e-mail code behind them) load on
# the first request that needs them, not at import: the function's cold start stays light.
router = new_router(prefix="/api/schedules", tags=["schedules"])
Reader = Annotated[Principal, requires("agendamentos:read")]
Writer = Annotated[Principal, requires("agendamentos:write")]


class TemplateList(BaseModel):
    items: list[MessageTemplate]
    variables: dict[str, str]


def _one(caller: Principal, record) -> SchedulePublic:
    from shared.schedules import service

    return service.publics(caller, [record])[0]


@router.get("")
def list_schedules(caller: Reader,
                   status: Literal["agendado", "enviando", "enviado", "erro", "cancelado"] | None = None,
                   channel: Literal["whatsapp", "email", "both"] | None = None,
                   client_id: Annotated[str | None, Query(max_length=40)] = None,
                   date_from: date | None = None, date_to: date | None = None,
                   cursor: Annotated[str | None, Query(max_length=2000)] = None,
                   limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Page[SchedulePublic]:
    from shared.schedules import service

    records, next_cursor = service.list_schedules(caller, status=status, channel=channel, client_id=client_id,
                                                  date_from=date_from, date_to=date_to, cursor=cursor, limit=limit)
    return Page(items=service.publics(caller, records), next_cursor=next_cursor)


@router.post("", status_code=201)
def create_schedule(caller: Writer, body: ScheduleCreate) -> SchedulePublic:
    from shared.schedules import service

    return _one(caller, service.create(caller, body))


@router.post("/preview")
def preview_message(caller: Reader, body: PreviewRequest) -> Preview:
    from shared.schedules import service

    return service.preview(caller, body)


@router.get("/templates")
def list_templates(caller: Reader) -> TemplateList:
    from shared.schedules import service
    from shared.schedules.render import VARIABLES

    return TemplateList(items=service.templates(caller), variables=VARIABLES)


@router.post("/templates", status_code=201)
def create_template(caller: Writer, body: MessageTemplateFields) -> MessageTemplate:
    from shared.schedules import service

    return service.save_template(caller, body)


@router.put("/templates/{template_id}")
def update_template(caller: Writer, template_id: str, body: MessageTemplateFields) -> MessageTemplate:
    from shared.schedules import service

    return service.save_template(caller, body, template_id)


@router.delete("/templates/{template_id}", status_code=204)
def delete_template(caller: Writer, template_id: str) -> Response:
    from shared.schedules import service

    service.delete_template(caller, template_id)
    return Response(status_code=204)


@router.get("/{schedule_id}")
def get_schedule(caller: Reader, schedule_id: str) -> SchedulePublic:
    from shared.schedules import service

    return _one(caller, service.get(caller, schedule_id))


@router.put("/{schedule_id}")
def update_schedule(caller: Writer, schedule_id: str, body: ScheduleFields) -> SchedulePublic:
    from shared.schedules import service

    return _one(caller, service.update(caller, schedule_id, body))


@router.delete("/{schedule_id}")
def cancel_schedule(caller: Writer, schedule_id: str) -> SchedulePublic:
    from shared.schedules import service

    return _one(caller, service.cancel(caller, schedule_id))


@router.post("/{schedule_id}/retry")
def retry_schedule(caller: Writer, schedule_id: str) -> SchedulePublic:
    from shared.schedules import service

    return _one(caller, service.retry(caller, schedule_id))


app = create_app(router)
handler = lambda_handler(app)
