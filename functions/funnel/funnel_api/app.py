"""Funnel function: the board, card data (Aplicar), stage moves, stalled opportunities, settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from shared.auth.principal import Principal
from shared.funnel.models import Board, CardPublic, CardUpdate, FunnelSettings, MoveRequest
from shared.http.app import Page, create_app, lambda_handler, new_router
from shared.http.security import requires

# The funnel service (and the clients code behind it) loads on the first request, not at import:
# the function's cold start stays light.
router = new_router(prefix="/api/funnel", tags=["funnel"])
Reader = Annotated[Principal, requires("funil:read")]
Writer = Annotated[Principal, requires("funil:write")]
Settings = Annotated[Principal, requires("funil:settings")]
Cursor = Annotated[str | None, Query(max_length=2000)]
Owner = Annotated[str | None, Query(max_length=40)]


@router.get("")
def get_board(caller: Reader, owner_id: Owner = None, limit: Annotated[int, Query(ge=1, le=50)] = 20) -> Board:
    from shared.funnel import service

    return service.board(caller, owner_id=owner_id, limit=limit)


@router.get("/stages/{stage}/cards")
def stage_cards(caller: Reader, stage: str, owner_id: Owner = None, cursor: Cursor = None,
                limit: Annotated[int, Query(ge=1, le=50)] = 20) -> Page[CardPublic]:
    from shared.funnel import service

    cards, next_cursor = service.column_page(caller, stage, owner_id=owner_id, cursor=cursor, limit=limit)
    return Page(items=cards, next_cursor=next_cursor)


@router.get("/stalled")
def stalled_cards(caller: Reader, cursor: Cursor = None, owner_id: Owner = None,
                  limit: Annotated[int, Query(ge=1, le=100)] = 30) -> Page[CardPublic]:
    from shared.funnel import service

    cards, next_cursor = service.stalled(caller, cursor=cursor, limit=limit, owner_id=owner_id)
    return Page(items=cards, next_cursor=next_cursor)


@router.get("/settings")
def get_settings(caller: Reader) -> FunnelSettings:
    from shared.funnel import service

    return service.get_settings(caller.tenant_id or "")


@router.put("/settings")
def save_settings(caller: Settings, body: FunnelSettings) -> FunnelSettings:
    from shared.funnel import service

    return service.save_settings(caller.tenant_id or "", body)


@router.get("/cards/{card_id}")
def get_card(caller: Reader, card_id: str) -> CardPublic:
    from shared.funnel import service

    return service.get_card(caller, card_id)


@router.patch("/cards/{card_id}")
def apply_card(caller: Writer, card_id: str, body: CardUpdate) -> CardPublic:
    from shared.funnel import service

    return service.apply(caller, card_id, body)


@router.post("/cards/{card_id}/move")
def move_card(caller: Writer, card_id: str, body: MoveRequest) -> CardPublic:
    from shared.funnel import service

    return service.move(caller, card_id, body)


app = create_app(router)
handler = lambda_handler(app)
