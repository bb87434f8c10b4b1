"""Meta's webhook routes (public: the opaque route id names the company, the signature proves Meta)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Query, Request
from fastapi.responses import PlainTextResponse

from shared.http.app import new_router
from shared.http.security import public

router = new_router(prefix="/webhooks/whatsapp", tags=["whatsapp"])


async def raw_body(request: Request) -> bytes:
    """The exact bytes Meta signed."""
    return await request.body()


@router.get("/{hook_id}", dependencies=[public()], response_class=PlainTextResponse)
def verify_webhook(hook_id: str,
                   mode: Annotated[str | None, Query(alias="hub.mode", max_length=50)] = None,
                   token: Annotated[str | None, Query(alias="hub.verify_token", max_length=500)] = None,
                   challenge: Annotated[str | None, Query(alias="hub.challenge", max_length=500)] = None) -> str:
    from shared.whatsapp import webhook

    return webhook.verify(hook_id, mode, token, challenge)


@router.post("/{hook_id}", dependencies=[public()])
def receive_webhook(hook_id: str, body: Annotated[bytes, Depends(raw_body)],
                    signature: Annotated[str | None, Header(alias="X-Hub-Signature-256")] = None) -> dict[str, int]:
    from shared.whatsapp import webhook

    return webhook.receive(hook_id, body, signature)
