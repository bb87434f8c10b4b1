"""Builds the FastAPI app of one function (or, locally, of all of them together)."""

from __future__ import annotations

from typing import Generic, TypeVar

from fastapi import APIRouter, FastAPI
from pydantic import BaseModel

from shared.http.errors import install_error_handlers
from shared.http.security import PermissionRoute

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def new_router(**kwargs) -> APIRouter:
    """Every router of the product: its routes publish their permission (see `security`)."""
    return APIRouter(route_class=PermissionRoute, **kwargs)


def create_app(*routers: APIRouter, title: str = "Impacte+ Marketing API") -> FastAPI:
    app = FastAPI(title=title, version="1.0.0", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json")
    install_error_handlers(app)
    for router in routers:
        app.include_router(router)
    return app


def lambda_handler(app: FastAPI):
    """The Lambda entry point of a function app: Mangum, with Powertools' Lambda context in logs."""
    from mangum import Mangum

    from shared.observability import logger

    return logger.inject_lambda_context(Mangum(app, lifespan="off"), clear_state=True)
