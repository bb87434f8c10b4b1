"""A fake Cora "Integração Direta" for the local stack, under /sandbox/cora.

Cora authenticates with mTLS and a client id, no secret: over the sandbox's plain HTTP the certificate
cannot be checked, so only the client id is (`int-...`, like Cora's). Each client id is one account:
a token only sees its own account's invoices and endpoints (anything else answers 404 NOT_FOUND).

Cora's API (see ../shared/reference/providers.md), all JSON, errors as
{"errors": [{"code": "UPPER_SNAKE", "message": "..."}]} (401s keep the OAuth shape {"error": "invalid_token"}):
- POST /token (form) -> OAuth token, 24 h;
- POST /v2/invoices (Content-Type application/json else 415; Idempotency-Key UUID else 400; a repeated key
  answers 200 with the same invoice) -> 200 invoice; GET /v2/invoices/{id}; GET /v2/invoices?start=&end=
  &state=&search=&page=&perPage= -> {"totalItems", "items"} (page is 1-based; 0 also means the first page);
  DELETE /v2/invoices/{id} -> 204 (OPEN/LATE/CANCELLED; PAID -> 400); POST /v2/invoices/pay {"id"} (stage
  only) -> 200 invoice now PAID, then the webhook;
- POST /endpoints/ {url, resource, trigger} (+ Idempotency-Key UUID) -> 201 new / 200 already registered;
  GET /endpoints/ -> a plain JSON list of endpoints (Cora's shape: no envelope); DELETE /endpoints/{id} -> 204.
An OPEN invoice past its due date (in America/Sao_Paulo, `today()`) reads LATE. payment_forms defaults to
["BANK_SLIP"] when absent.

Webhook on payment: to every endpoint of the account with resource "invoice" and trigger "paid", a POST
with an empty body and headers user-agent: Cora-Webhook, webhook-event-id, webhook-event-type invoice.paid,
webhook-resource-id. Posts go through `poster(url, headers) -> status` on `spawn` (a daemon thread by
default: the fake posts into its own process). Sandbox controls (no token): GET /sandbox/deliveries,
POST /sandbox/redeliver {"id"} (same event id again), GET /sandbox/invoices, GET /boletos/{id}.pdf.
Test controls: `script(status, body)` (the next POST /v2/invoices answers that instead), `reset()`.
"""

from __future__ import annotations

import copy
import functools
import re
import secrets
import string
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from devstack.sandbox import cora_codes
from devstack.sandbox.cora_codes import CoraFailure, idempotency_key, invalid, is_date, not_found, validate_invoice
from shared.clock import SAO_PAULO

PREFIX = "/sandbox/cora"
TOKEN_LIFETIME = 86400
_ALNUM = string.ascii_letters + string.digits

Poster = Callable[[str, dict[str, str]], int]


def issue_token(form: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """POST /token: grant_type=client_credentials&client_id=int-... -> a 24 h Bearer token."""
    if form.get("grant_type") != "client_credentials":
        return 400, {"error": "unsupported_grant_type",
                     "error_description": "grant_type must be client_credentials"}
    client_id = str(form.get("client_id") or "")
    if not client_id.startswith("int-") or len(client_id) < 5:
        return 401, {"error": "invalid_client", "error_description": "Invalid client or Invalid client credentials"}
    now = int(time.time())
    return 200, {"access_token": f"sandbox-cora.{secrets.token_urlsafe(32)}", "token_type": "Bearer",
                 "expires_in": TOKEN_LIFETIME, "refresh_expires_in": 0, "not-before-policy": 0,
                 "scope": "invoice account", "iat": now}


def new_id(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_ALNUM) for _ in range(22))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_poster(url: str, headers: dict[str, str]) -> int:
    with httpx.Client(timeout=httpx.Timeout(15.0, connect=5.0)) as client:
        return client.post(url, content=b"", headers=headers).status_code


@dataclass
class Account:
    invoices: dict[str, dict[str, Any]] = field(default_factory=dict)
    idempotency: dict[str, str] = field(default_factory=dict)  # Idempotency-Key -> invoice id
    endpoints: dict[str, dict[str, Any]] = field(default_factory=dict)
    endpoint_keys: dict[str, str] = field(default_factory=dict)  # Idempotency-Key -> endpoint id


class FakeCora:
    """The fake's state (tokens, accounts, deliveries) and behaviour, framework-free."""

    def __init__(self, poster: Poster = default_poster, spawn: Callable[[Callable[[], None]], None] | None = None,
                 today: Callable[[], date] | None = None, clock: Callable[[], float] = time.time):
        self.lock = threading.Lock()
        self.tokens: dict[str, tuple[str, float]] = {}  # token -> (client_id, expires_at)
        self.accounts: dict[str, Account] = {}
        self.deliveries: list[dict[str, Any]] = []
        self.events: dict[str, dict[str, str]] = {}  # invoice id -> last event {event_id, event_type, client_id}
        self.scripted: deque[tuple[int, Any]] = deque()
        self.poster, self.clock = poster, clock
        self.spawn = spawn or (lambda fn: threading.Thread(target=fn, daemon=True, name="cora-webhooks").start())
        if today is not None:
            self.today = today  # type: ignore[method-assign]

    def today(self) -> date:
        return datetime.now(SAO_PAULO).date()

    # --- test controls -----------------------------------------------------------------------------

    def script(self, status: int, body: Any = None) -> None:
        """The next POST /v2/invoices (after the token check) answers this instead of its normal handling."""
        with self.lock:
            self.scripted.append((status, body))

    def reset(self) -> None:
        with self.lock:
            self.tokens.clear()
            self.accounts.clear()
            self.deliveries.clear()
            self.events.clear()
            self.scripted.clear()

    def invoice_counts(self) -> dict[str, int]:
        with self.lock:
            return {client_id: len(a.invoices) for client_id, a in self.accounts.items()}

    # --- auth --------------------------------------------------------------------------------------

    def issue(self, form: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        status, body = issue_token(form)
        if status == 200:
            with self.lock:
                self.tokens[body["access_token"]] = (str(form["client_id"]), self.clock() + TOKEN_LIFETIME)
                self._account(str(form["client_id"]))
        return status, body

    def account_of(self, authorization: str | None) -> str:
        """The client id owning the Bearer token; CoraFailure 401 when missing, unknown or expired."""
        scheme, _, token = (authorization or "").partition(" ")
        with self.lock:
            owner = self.tokens.get(token.strip()) if scheme.lower() == "bearer" else None
        if owner is None or owner[1] <= self.clock():
            raise CoraFailure(401, "invalid_token", "Token is invalid or expired",
                              {"error": "invalid_token", "error_description": "Token is invalid or expired"})
        return owner[0]

    def _account(self, client_id: str) -> Account:  # call with the lock held
        return self.accounts.setdefault(client_id, Account())

    # --- invoices ----------------------------------------------------------------------------------

    def view(self, invoice: dict[str, Any]) -> dict[str, Any]:
        out = copy.deepcopy(invoice)
        if out["status"] == "OPEN" and out["payment_terms"]["due_date"] < self.today().isoformat():
            out["status"] = "LATE"
        return out

    def take_scripted(self) -> tuple[int, Any] | None:
        with self.lock:
            return self.scripted.popleft() if self.scripted else None

    def create_invoice(self, client_id: str, body: Any, key: str | None, content_type: str | None,
                       base_url: str) -> dict[str, Any]:
        if (content_type or "").split(";")[0].strip().lower() != "application/json":
            raise CoraFailure(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json")
        key = idempotency_key(key)
        with self.lock:
            account = self._account(client_id)
            known = account.idempotency.get(key)
            if known is not None:
                return self.view(account.invoices[known])
        terms, total = validate_invoice(body, self.today())
        invoice_id = new_id("inv_")
        forms = body.get("payment_forms") or ["BANK_SLIP"]
        invoice: dict[str, Any] = {
            "id": invoice_id, "status": "OPEN", "created_at": now_iso(), "total_amount": total, "total_paid": 0,
            "code": body.get("code"), "customer": body["customer"], "services": body["services"],
            "payment_terms": terms, "payment_forms": forms, "payment_options": {}, "payments": []}
        if body.get("notification") is not None:
            invoice["notification"] = body["notification"]
        due = date.fromisoformat(terms["due_date"])
        if "BANK_SLIP" in forms:
            our_number = f"{secrets.randbelow(10**11):011d}"
            barcode, digitable = cora_codes.bank_slip(total, due, our_number)
            invoice["payment_options"]["bank_slip"] = {
                "barcode": barcode, "digitable": digitable, "registered": True, "our_number": our_number,
                "url": f"{base_url.rstrip('/')}{PREFIX}/boletos/{invoice_id}.pdf"}
        if "PIX" in forms:
            invoice["pix"] = {"emv": cora_codes.pix_emv(total, invoice_id.removeprefix("inv_"))}
        with self.lock:
            account = self._account(client_id)
            if key in account.idempotency:  # a concurrent twin won
                return self.view(account.invoices[account.idempotency[key]])
            account.invoices[invoice_id] = invoice
            account.idempotency[key] = invoice_id
            return self.view(invoice)

    def _invoice(self, client_id: str, invoice_id: str) -> dict[str, Any]:  # call with the lock held
        invoice = self._account(client_id).invoices.get(str(invoice_id or ""))
        if invoice is None:
            raise not_found()
        return invoice

    def get_invoice(self, client_id: str, invoice_id: str) -> dict[str, Any]:
        with self.lock:
            return self.view(self._invoice(client_id, invoice_id))

    def find_invoice(self, invoice_id: str) -> dict[str, Any] | None:
        """Any account's invoice (the public boleto URL carries no token)."""
        with self.lock:
            for account in self.accounts.values():
                if invoice_id in account.invoices:
                    return self.view(account.invoices[invoice_id])
        return None

    def list_invoices(self, client_id: str, params: dict[str, str]) -> dict[str, Any]:
        start, end = params.get("start") or "", params.get("end") or ""
        for name, value in (("start", start), ("end", end)):
            if value and not is_date(value):
                raise invalid([("INVALID_DATE", f"{name} must be a date in the format YYYY-MM-DD")])
        states = {s.strip().upper() for s in (params.get("state") or "").split(",") if s.strip()}
        search = (params.get("search") or "").strip().lower()
        try:
            page = max(int(params.get("page") or 1), 1)
            per_page = min(max(int(params.get("perPage") or params.get("per_page") or 20), 1), 200)
        except ValueError:
            raise invalid([("INVALID_PAGINATION", "page and perPage must be integers")]) from None
        with self.lock:
            views = [self.view(i) for i in reversed(self._account(client_id).invoices.values())]
        items = [v for v in views
                 if (not start or v["payment_terms"]["due_date"] >= start)
                 and (not end or v["payment_terms"]["due_date"] <= end)
                 and (not states or v["status"] in states)
                 and (not search or search in " ".join(
                     str(x) for x in (v["id"], v.get("code"), v["customer"].get("name"),
                                      (v["customer"].get("document") or {}).get("identity"))).lower())]
        return {"totalItems": len(items), "items": items[(page - 1) * per_page:page * per_page]}

    def cancel_invoice(self, client_id: str, invoice_id: str) -> None:
        with self.lock:
            invoice = self._invoice(client_id, invoice_id)
            if invoice["status"] == "PAID":
                raise CoraFailure(400, "INVOICE_ALREADY_PAID", "Invoice is already paid and cannot be cancelled")
            invoice["status"] = "CANCELLED"

    def pay_invoice(self, client_id: str, body: Any) -> dict[str, Any]:
        invoice_id = str(body.get("id") or "") if isinstance(body, dict) else ""
        with self.lock:
            invoice = self._invoice(client_id, invoice_id)
            if invoice["status"] == "PAID":
                raise CoraFailure(400, "INVOICE_ALREADY_PAID", "Invoice is already paid")
            if invoice["status"] == "CANCELLED":
                raise CoraFailure(400, "INVOICE_CANCELLED", "Invoice is cancelled and cannot be paid")
            paid_at = now_iso()
            method = "PIX" if "PIX" in invoice["payment_forms"] else "BANK_SLIP"
            invoice.update(status="PAID", total_paid=invoice["total_amount"], payments=[{
                "id": new_id("pay_"), "amount": invoice["total_amount"], "paid_at": paid_at, "date": paid_at,
                "method": method}])
            event = {"event_id": new_id("evt_"), "event_type": "invoice.paid", "client_id": client_id}
            self.events[invoice_id] = event
            answer = self.view(invoice)
        self.spawn(lambda: self.deliver(invoice_id, event))
        return answer

    # --- webhook endpoints -------------------------------------------------------------------------

    def add_endpoint(self, client_id: str, body: Any, key: str | None) -> tuple[int, dict[str, Any]]:
        key = idempotency_key(key)
        data = body if isinstance(body, dict) else {}
        url, resource, trigger = (str(data.get(k) or "").strip() for k in ("url", "resource", "trigger"))
        errors = []
        if not re.match(r"^https?://[^\s/]+", url):
            errors.append(("INVALID_URL", "url must be a valid http(s) URL"))
        errors += [("INVALID_" + k.upper(), f"{k} is required") for k, v in (("resource", resource),
                                                                             ("trigger", trigger)) if not v]
        with self.lock:
            account = self._account(client_id)
            if key in account.endpoint_keys and account.endpoint_keys[key] in account.endpoints:
                return 200, dict(account.endpoints[account.endpoint_keys[key]])
            if errors:
                raise invalid(errors)
            for endpoint in account.endpoints.values():
                if (endpoint["url"], endpoint["resource"], endpoint["trigger"]) == (url, resource, trigger):
                    account.endpoint_keys[key] = endpoint["id"]
                    return 200, dict(endpoint)
            endpoint = {"id": new_id("end_"), "url": url, "resource": resource, "trigger": trigger}
            account.endpoints[endpoint["id"]] = endpoint
            account.endpoint_keys[key] = endpoint["id"]
            return 201, dict(endpoint)

    def list_endpoints(self, client_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(e) for e in self._account(client_id).endpoints.values()]

    def delete_endpoint(self, client_id: str, endpoint_id: str) -> None:
        with self.lock:
            if self._account(client_id).endpoints.pop(endpoint_id, None) is None:
                raise not_found("Endpoint")

    # --- webhook delivery --------------------------------------------------------------------------

    def deliver(self, invoice_id: str, event: dict[str, str], *, redelivery: bool = False) -> int:
        """POSTs the event to the account's matching endpoints; logs each; returns how many were tried."""
        resource, trigger = event["event_type"].split(".")
        with self.lock:
            urls = [e["url"] for e in self._account(event["client_id"]).endpoints.values()
                    if e["resource"] == resource and e["trigger"] == trigger]
        headers = {"user-agent": "Cora-Webhook", "webhook-event-id": event["event_id"],
                   "webhook-event-type": event["event_type"], "webhook-resource-id": invoice_id}
        for url in urls:
            entry: dict[str, Any] = {"url": url, "event_id": event["event_id"], "event_type": event["event_type"],
                                     "invoice_id": invoice_id, "client_id": event["client_id"],
                                     "redelivery": redelivery, "at": now_iso(), "status": None, "error": None}
            try:
                entry["status"] = self.poster(url, dict(headers))
            except Exception as exc:  # an unreachable receiver is logged, never raised into the fake
                entry["error"] = f"{type(exc).__name__}: {exc}"
            with self.lock:
                self.deliveries.append(entry)
                del self.deliveries[:-500]
        return len(urls)

    def redeliver(self, invoice_id: str) -> dict[str, Any]:
        """Posts the invoice's last event again, with the same event id."""
        with self.lock:
            event = self.events.get(str(invoice_id or ""))
        if event is None:
            raise CoraFailure(404, "NOT_FOUND", "No event delivered for this invoice")
        self.spawn(lambda: self.deliver(invoice_id, event, redelivery=True))
        return {"invoice_id": invoice_id, "event_id": event["event_id"], "event_type": event["event_type"]}


# --- HTTP ------------------------------------------------------------------------------------------

def _fail(exc: CoraFailure) -> JSONResponse:
    headers = {"WWW-Authenticate": 'Bearer error="invalid_token"'} if exc.status == 401 else None
    return JSONResponse(exc.body, status_code=exc.status, headers=headers)


async def _json(request: Request) -> Any:
    try:
        return await request.json()
    except ValueError:
        return None


def _answers(fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Response]]:
    """A route answering a dict/list as JSON 200, None as 204, a CoraFailure as its error body."""
    @functools.wraps(fn)
    async def route(*args: Any, **kwargs: Any) -> Response:
        try:
            result = await fn(*args, **kwargs)
        except CoraFailure as exc:
            return _fail(exc)
        if isinstance(result, Response):
            return result
        return Response(status_code=204) if result is None else JSONResponse(result)
    return route


def router(state: FakeCora | None = None) -> APIRouter:
    """The fake's routes on `state` (default: the module's CORA, what `make dev` mounts)."""
    fake = state if state is not None else CORA
    r = APIRouter(prefix=PREFIX, include_in_schema=False)

    def owner(request: Request) -> str:
        return fake.account_of(request.headers.get("authorization"))

    @r.post("/token")
    async def token(request: Request) -> JSONResponse:
        status, body = fake.issue(dict(await request.form()))
        return JSONResponse(body, status_code=status)

    # Sandbox controls (no token), before any pattern route.
    @r.get("/sandbox/deliveries")
    def deliveries() -> JSONResponse:
        with fake.lock:
            return JSONResponse({"items": list(reversed(fake.deliveries))})

    @r.post("/sandbox/redeliver")
    @_answers
    async def redeliver(request: Request):
        body = await _json(request)
        return fake.redeliver(body.get("id") if isinstance(body, dict) else "")

    @r.get("/sandbox/invoices")
    def all_invoices() -> JSONResponse:
        with fake.lock:
            items = [{"client_id": c, **fake.view(i)} for c, a in fake.accounts.items() for i in a.invoices.values()]
        return JSONResponse({"items": items})

    @r.get("/boletos/{invoice_id}.pdf")
    def boleto_pdf(invoice_id: str) -> Response:
        invoice = fake.find_invoice(invoice_id)
        if invoice is None or "bank_slip" not in invoice["payment_options"]:
            return _fail(not_found())
        return Response(cora_codes.boleto_pdf(invoice), media_type="application/pdf",
                        headers={"Content-Disposition": f'inline; filename="boleto-{invoice_id}.pdf"'})

    @r.post("/v2/invoices")
    @_answers
    async def create(request: Request):
        client_id = owner(request)
        if (scripted := fake.take_scripted()) is not None:
            status, body = scripted
            return Response(status_code=status) if body is None else JSONResponse(body, status_code=status)
        return fake.create_invoice(client_id, await _json(request), request.headers.get("idempotency-key"),
                                   request.headers.get("content-type"), str(request.base_url))

    @r.post("/v2/invoices/pay")
    @_answers
    async def pay(request: Request):
        return fake.pay_invoice(owner(request), await _json(request))

    @r.get("/v2/invoices")
    @_answers
    async def search(request: Request):
        return fake.list_invoices(owner(request), dict(request.query_params))

    @r.get("/v2/invoices/{invoice_id}")
    @_answers
    async def read(invoice_id: str, request: Request):
        return fake.get_invoice(owner(request), invoice_id)

    @r.delete("/v2/invoices/{invoice_id}")
    @_answers
    async def cancel(invoice_id: str, request: Request):
        fake.cancel_invoice(owner(request), invoice_id)

    @_answers
    async def add_endpoint(request: Request):
        status, body = fake.add_endpoint(owner(request), await _json(request), request.headers.get("idempotency-key"))
        return JSONResponse(body, status_code=status)

    @_answers
    async def list_endpoints(request: Request):
        return fake.list_endpoints(owner(request))

    for path in ("/endpoints/", "/endpoints"):  # both spellings: no 307 redirect for a POST
        r.add_api_route(path, add_endpoint, methods=["POST"])
        r.add_api_route(path, list_endpoints, methods=["GET"])

    @r.delete("/endpoints/{endpoint_id}")
    @_answers
    async def delete_endpoint(endpoint_id: str, request: Request):
        fake.delete_endpoint(owner(request), endpoint_id)

    return r


CORA = FakeCora()
