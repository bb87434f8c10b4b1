"""One FastAPI app with the routes of every function in template.yaml (the local API Gateway)."""

from __future__ import annotations

import importlib

from fastapi import FastAPI

from devstack.template import http_functions
from shared.http.app import create_app


def function_routers():
    for name, fn in sorted(http_functions().items()):
        module = importlib.import_module(fn["module"])
        yield name, module.router


def build_api() -> FastAPI:
    return create_app(*(router for _, router in function_routers()))
