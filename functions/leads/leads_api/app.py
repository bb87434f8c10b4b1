"""Leads function: `POST /webhooks/leads/{hook_id}` (public; the opaque route id names the company).

Accepts JSON or a form (urlencoded or multipart), so a plain HTML form on the company's site can post
straight to it.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import BaseModel

from shared.errors import ValidationFailed
from shared.http.app import create_app, lambda_handler, new_router
from shared.http.security import public
from shared.leads import capture

router = new_router(prefix="/webhooks/leads", tags=["leads"])
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
BAD_BODY = "Corpo da requisição inválido: envie JSON ou um formulário."


async def lead_fields(request: Request) -> dict[str, Any]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in FORMS:
        try:
            form = await request.form()
        except Exception:  # a malformed multipart body is the sender's mistake
            raise ValidationFailed(BAD_BODY) from None
        return {k: v for k, v in form.items() if isinstance(v, str)}
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        raise ValidationFailed(BAD_BODY) from None
    if not isinstance(data, dict):
        raise ValidationFailed(BAD_BODY)
    return data


class LeadAccepted(BaseModel):
    status: str = "accepted"
    client_id: str


@router.post("/{hook_id}", status_code=202, dependencies=[public()])
def receive_lead(hook_id: str, fields: Annotated[dict[str, Any], Depends(lead_fields)]) -> LeadAccepted:
    return LeadAccepted(client_id=capture.capture(hook_id, fields))


app = create_app(router)
handler = lambda_handler(app)
