"""Dashboard function: the indicators of a period, from counters kept on write."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from shared.auth.principal import Principal
from shared.dashboard.service import Dashboard, dashboard
from shared.http.app import create_app, lambda_handler, new_router
from shared.http.security import requires

router = new_router(prefix="/api/dashboard", tags=["dashboard"])
Reader = Annotated[Principal, requires("dashboard:read")]


@router.get("")
def get_dashboard(caller: Reader, date_from: date | None = None, date_to: date | None = None,
                  owner_id: Annotated[str | None, Query(max_length=40)] = None) -> Dashboard:
    return dashboard(caller, date_from=date_from, date_to=date_to, owner_id=owner_id)


app = create_app(router)
handler = lambda_handler(app)
