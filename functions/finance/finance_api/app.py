"""Finance function: the catalog of plans, products and services (catalog.py) and the company profile
that documents print (company.py). Charges and the rest of Financeiro join it in later issues."""

from __future__ import annotations

from finance_api import catalog, company
from shared.http.app import create_app, lambda_handler, new_router

router = new_router()
router.include_router(catalog.router)
router.include_router(company.router)

app = create_app(router)
handler = lambda_handler(app)
