"""Writes the real-shaped sample events in events/ (API Gateway HTTP API v2 with the authorizer's
context, and authorizer requests). Tests replay every file through its function's handler.

Usage: python -m devstack.sample_events   (rewrites events/)
"""

from __future__ import annotations

import copy
import json

from devstack.seed import stable_id
from devstack.template import ROOT
from shared.auth.permissions import CORE_MODULES, DEFAULT_ROLES, MODULES

HOST = "abc123.execute-api.sa-east-1.amazonaws.com"
TENANT = stable_id("tenant:demo")


def _context(email: str, role: str, name: str, *, master: bool = False) -> dict[str, str]:
    perms, scope = DEFAULT_ROLES.get(role, (frozenset(), "all"))
    return {
        "user_id": stable_id("user:master" if master else f"user:{email}"),
        "tenant_id": "" if master else TENANT,
        "session_id": "01JDEMMSESS10N0000000000AA",
        "role": role, "name": name, "email": email,
        "permissions": " ".join(sorted(perms)), "data_scope": scope,
        "modules": "" if master else " ".join(sorted([*MODULES, *CORE_MODULES])),
        "is_master": "true" if master else "false",
    }


ADMIN = _context("admin@demo.local", "administrador", "Ana Administradora")
SELLER = _context("vendedor@demo.local", "vendedor", "Vitor Vendedor")
MASTER = _context("master@impacte.local", "master", "Equipe Master", master=True)
EXPIRED = {"error_status": "401", "error_detail": "Sua sessão expirou. Entre novamente."}


def http(method: str, path: str, *, route: str | None = None, body=None, query: str = "", ctx=None,
         proxy: str | None = None, auth: str | None = "Bearer <token verified by the authorizer>",
         path_params: dict | None = None, raw_body: str | None = None, headers: dict | None = None) -> dict:
    route_key = f"{method} {route or path}"
    headers = {"accept": "application/json", "content-type": "application/json", "host": HOST,
               "user-agent": "Mozilla/5.0", "x-forwarded-for": "200.150.10.20", "x-forwarded-port": "443",
               "x-forwarded-proto": "https", **(headers or {})}
    if auth and ctx is not None:
        headers["authorization"] = auth
    event = {
        "version": "2.0", "routeKey": route_key, "rawPath": path, "rawQueryString": query, "headers": headers,
        "requestContext": {
            "accountId": "123456789012", "apiId": "abc123", "domainName": HOST, "domainPrefix": "abc123",
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "200.150.10.20",
                     "userAgent": "Mozilla/5.0"},
            "requestId": "JKJaXmPLvHcESHA=", "routeKey": route_key, "stage": "$default",
            "time": "01/Dec/2026:13:00:00 +0000", "timeEpoch": 1796130000000,
        },
        "isBase64Encoded": False,
    }
    if query:
        event["queryStringParameters"] = dict(p.split("=", 1) for p in query.split("&"))
    if ctx is not None:
        event["requestContext"]["authorizer"] = {"lambda": ctx}
    if proxy is not None:
        event["pathParameters"] = {"proxy": proxy}
    if path_params:
        event["pathParameters"] = path_params
    if body is not None:
        event["body"] = json.dumps(body, ensure_ascii=False)
    if raw_body is not None:
        event["body"] = raw_body
    return event


def authorizer_request(token: str) -> dict:
    return {
        "version": "2.0", "type": "REQUEST",
        "routeArn": "arn:aws:execute-api:sa-east-1:123456789012:abc123/$default/GET/api/me",
        "identitySource": [f"Bearer {token}"], "routeKey": "GET /api/me", "rawPath": "/api/me",
        "rawQueryString": "",
        "headers": {"authorization": f"Bearer {token}", "host": HOST, "user-agent": "Mozilla/5.0"},
        "requestContext": {"accountId": "123456789012", "apiId": "abc123", "domainName": HOST, "domainPrefix": "abc123",
                           "http": {"method": "GET", "path": "/api/me", "protocol": "HTTP/1.1",
                                    "sourceIp": "200.150.10.20", "userAgent": "Mozilla/5.0"},
                           "requestId": "JKJaXmPLvHcESHB=", "routeKey": "GET /api/me", "stage": "$default",
                           "time": "01/Dec/2026:13:00:00 +0000", "timeEpoch": 1796130000000},
    }


NEW_CLIENT = {"type": "pf", "first_name": "Joana", "last_name": "Prado", "document": "529.982.247-25",
              "whatsapp": "(11) 98765-4321", "email": "joana.prado@exemplo.com.br", "origin": "site",
              "campaign": "Black Friday", "tags": ["vip"]}

EVENTS: dict[str, dict] = {
    "auth/health.json": http("GET", "/api/health"),
    "auth/login.json": http("POST", "/api/auth/login", body={"email": "vendedor@demo.local", "password": "Demo@2026"}),
    "auth/refused-login-wrong-password.json": http("POST", "/api/auth/login",
                                                   body={"email": "vendedor@demo.local", "password": "errada"}),
    "auth/me.json": http("GET", "/api/me", ctx=SELLER),
    "auth/refused-me-expired-token.json": http("GET", "/api/me", ctx=EXPIRED, auth="Bearer expired"),
    "users/list.json": http("GET", "/api/users", query="limit=20", ctx=ADMIN),
    "users/create.json": http("POST", "/api/users", ctx=ADMIN, body={
        "name": "Carla Nova", "email": "carla@demo.local", "role": "vendedor", "password": "Senha1234"}),
    "users/refused-seller-lists-users.json": http("GET", "/api/users", ctx=SELLER),
    "users/roles.json": http("GET", "/api/roles", ctx=ADMIN),
    "master/list-tenants.json": http("GET", "/api/master/tenants", route="/api/master/{proxy+}", ctx=MASTER,
                                     proxy="tenants"),
    "master/list-plans.json": http("GET", "/api/master/plans", route="/api/master/{proxy+}", ctx=MASTER,
                                   proxy="plans"),
    "master/refused-admin-lists-tenants.json": http("GET", "/api/master/tenants", route="/api/master/{proxy+}",
                                                    ctx=ADMIN, proxy="tenants"),
    "clients/list.json": http("GET", "/api/clients", query="sort=created_desc&limit=25", ctx=SELLER),
    "clients/search.json": http("GET", "/api/clients", query="q=joana", ctx=ADMIN),
    "clients/create.json": http("POST", "/api/clients", ctx=SELLER, body=NEW_CLIENT),
    "clients/refused-invalid-cpf.json": http("POST", "/api/clients", ctx=SELLER,
                                             body={**NEW_CLIENT, "document": "123.456.789-00"}),
    "clients/custom-fields.json": http("GET", "/api/clients/custom-fields", route="/api/clients/{proxy+}",
                                       ctx=SELLER, proxy="custom-fields"),
    "clients/refused-import-without-file.json": http("POST", "/api/clients/imports", route="/api/clients/{proxy+}",
                                                     ctx=ADMIN, proxy="imports", body={}),
    "clients/refused-merge-unknown-client.json": http(
        "POST", f"/api/clients/{stable_id('client:unknown')}/merge", route="/api/clients/{proxy+}", ctx=ADMIN,
        proxy=f"{stable_id('client:unknown')}/merge", body={"source_id": stable_id("client:other")}),
    # The background import: the clients function invokes itself with this (shared/jobs.py).
    "clients/refused-import-job-unknown-import.json": {
        "job": "clients.import", "payload": {"tenant_id": TENANT, "import_id": stable_id("import:unknown")}},
    "funnel/board.json": http("GET", "/api/funnel", query="limit=10", ctx=SELLER),
    "funnel/stalled.json": http("GET", "/api/funnel/stalled", route="/api/funnel/{proxy+}", ctx=ADMIN,
                                proxy="stalled"),
    "funnel/refused-unknown-card.json": http("POST", "/api/funnel/cards/01JDEMMNAC4RD000000000000A/move",
                                             route="/api/funnel/{proxy+}", ctx=SELLER,
                                             proxy="cards/01JDEMMNAC4RD000000000000A/move",
                                             body={"stage": "contato_com_resposta"}),
    "dashboard/period.json": http("GET", "/api/dashboard", query="date_from=2026-11-01&date_to=2026-11-30", ctx=ADMIN),
    "dashboard/refused-period-reversed.json": http("GET", "/api/dashboard",
                                                   query="date_from=2026-12-01&date_to=2026-11-01", ctx=ADMIN),
    "authorizer/valid-token.json": authorizer_request("{{access_token:vendedor@demo.local}}"),
}
_bad = copy.deepcopy(authorizer_request("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.assinatura-invalida"))
EVENTS["authorizer/refused-bad-signature.json"] = _bad


# --- WhatsApp and lead capture ----------------------------------------------------------------------
# Webhook routes carry `{{hook_id:<integration>}}`: the replay test puts the demo company's route id
# there (`demo_webhook`), configured with the local demo's sandbox secrets, so signatures verify.

def demo_webhook(kind: str) -> str:
    """The demo company's route id for `kind` ("whatsapp" configured as the local demo is)."""
    from devstack.seed import DEMO_WHATSAPP, DEMO_WHATSAPP_SECRETS
    from shared.integrations.models import IntegrationUpdate
    from shared.integrations.service import configure, ensure_hook, get_config

    config = get_config(TENANT, kind)
    if kind == "whatsapp" and not config.configured:
        config = configure(TENANT, kind, IntegrationUpdate(settings=DEMO_WHATSAPP, secrets=DEMO_WHATSAPP_SECRETS))
    return ensure_hook(config).hook_id or ""


def _meta_webhook(value: dict, *, secret: str | None) -> dict:
    """A Cloud API delivery for the demo number, signed like Meta (X-Hub-Signature-256 of the raw body)."""
    from devstack.seed import DEMO_WHATSAPP
    from shared.whatsapp.graph import signature

    raw = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": DEMO_WHATSAPP["waba_id"], "changes": [
        {"field": "messages", "value": {"messaging_product": "whatsapp", "metadata": {
            "display_phone_number": "551140000500", "phone_number_id": DEMO_WHATSAPP["phone_number_id"]},
            **value}}]}]}, ensure_ascii=False)
    headers = {"user-agent": "facebookexternalua", "x-hub-signature-256": signature(secret, raw.encode())
               if secret else "sha256=" + "0" * 64}
    return http("POST", f"/webhooks/whatsapp/{WA_HOOK}", route="/webhooks/whatsapp/{hook_id}",
                path_params={"hook_id": WA_HOOK}, raw_body=raw, headers=headers)


def _verify(token: str) -> dict:
    return http("GET", f"/webhooks/whatsapp/{WA_HOOK}", route="/webhooks/whatsapp/{hook_id}",
                path_params={"hook_id": WA_HOOK},
                query=f"hub.mode=subscribe&hub.verify_token={token}&hub.challenge=1158201444")


def _lead(body: dict | str, content_type: str = "application/json") -> dict:
    raw = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return http("POST", f"/webhooks/leads/{LEADS_HOOK}", route="/webhooks/leads/{hook_id}",
                path_params={"hook_id": LEADS_HOOK}, raw_body=raw, headers={"content-type": content_type})


WA_HOOK, LEADS_HOOK = "{{hook_id:whatsapp}}", "{{hook_id:leads}}"
_INBOUND = {"contacts": [{"profile": {"name": "Renata Alves"}, "wa_id": "5511976543210"}],
            "messages": [{"from": "5511976543210", "id": "wamid.HBgNNTUxMTk3NjU0MzIxMBUCABIYFjNFQjBDMDhBNEQ3",
                          "timestamp": "1796130000", "type": "text", "text": {"body": "Olá! Vi o anúncio, "
                                                                                      "quero um orçamento."}}]}
_UNKNOWN = stable_id("conversation:unknown")
EVENTS.update({
    "whatsapp/status.json": http("GET", "/api/whatsapp/status", route="/api/whatsapp/{proxy+}", ctx=SELLER,
                                 proxy="status"),
    "whatsapp/conversations.json": http("GET", "/api/whatsapp/conversations", route="/api/whatsapp/{proxy+}",
                                        query="filter=all&limit=30", ctx=SELLER, proxy="conversations"),
    "whatsapp/refused-send-unknown-conversation.json": http(
        "POST", f"/api/whatsapp/conversations/{_UNKNOWN}/messages", route="/api/whatsapp/{proxy+}", ctx=SELLER,
        proxy=f"conversations/{_UNKNOWN}/messages", body={"text": "Olá!"}),
    "whatsapp/webhook-verify.json": _verify("sandbox-verify-token"),
    "whatsapp/refused-webhook-verify-wrong-token.json": _verify("token-errado"),
    "whatsapp/webhook-inbound-message.json": _meta_webhook(_INBOUND, secret="sandbox-app-secret"),
    "whatsapp/webhook-status-read.json": _meta_webhook({"statuses": [{
        "id": "wamid.HBgNNTUxMTk3NjU0MzIxMBUCABEYEjk5QkY1", "status": "read", "timestamp": "1796130060",
        "recipient_id": "5511976543210"}]}, secret="sandbox-app-secret"),
    "whatsapp/refused-webhook-bad-signature.json": _meta_webhook(_INBOUND, secret=None),
    "leads/lead-json.json": _lead({"name": "Paulo Mendes", "phone": "(11) 96543-2109", "email": "paulo@exemplo.com.br",
                                   "message": "Gostaria de uma demonstração.", "utm_source": "google",
                                   "utm_medium": "cpc", "utm_campaign": "black-friday"}),
    "leads/lead-form.json": _lead("name=Luiza+Campos&phone=21987650000&message=Quero+saber+os+pre%C3%A7os"
                                  "&campaign=Ver%C3%A3o", "application/x-www-form-urlencoded"),
    "leads/refused-lead-without-contact.json": _lead({"name": "Sem Contato", "message": "Oi"}),
})

EVENTS.update({
    "integrations/list.json": http("GET", "/api/integrations", ctx=ADMIN),
    "integrations/refused-seller-lists-integrations.json": http("GET", "/api/integrations", ctx=SELLER),
    "integrations/test-smtp.json": http("POST", "/api/integrations/smtp/test", route="/api/integrations/{proxy+}",
                                        ctx=ADMIN, proxy="smtp/test"),
    "tasks/mine.json": http("GET", "/api/tasks", query="view=mine", ctx=SELLER),
    "tasks/create.json": http("POST", "/api/tasks", ctx=SELLER, body={
        "title": "Retornar sobre a proposta", "due_at": "2030-01-10T10:00:00-03:00", "priority": "alta"}),
    "tasks/refused-due-without-timezone.json": http("POST", "/api/tasks", ctx=SELLER, body={
        "title": "Sem fuso", "due_at": "2030-01-10T10:00:00"}),
    "schedules/list.json": http("GET", "/api/schedules", query="status=agendado", ctx=SELLER),
    "schedules/create.json": http("POST", "/api/schedules", ctx=SELLER, body={
        "channel": "email", "to_email": "cliente@exemplo.com.br", "subject": "Nossa proposta",
        "body": "Olá! Seguem os detalhes da proposta.", "send_at": "2030-01-10T09:00:00-03:00",
        "purpose": "retorno_proposta"}),
    "schedules/refused-in-the-past.json": http("POST", "/api/schedules", ctx=SELLER, body={
        "channel": "whatsapp", "to_phone": "(11) 98765-4321", "body": "Oi", "send_at": "2020-01-01T09:00:00-03:00"}),
    # EventBridge's scheduled event (rate 1 minute) for the dispatcher; the local timer sends the same one.
    "dispatcher/every-minute.json": {
        "version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
        "source": "aws.events", "account": "123456789012", "time": "2026-12-01T13:00:00Z", "region": "sa-east-1",
        "resources": ["arn:aws:events:sa-east-1:123456789012:rule/impacte-prod-DispatcherFunctionEveryMinute"],
        "detail": {}},
})


# --- Finance: catalog and company profile -------------------------------------------------------------

def _upload(path: str, route: str, proxy: str, file_name: str, content_type: str, raw: bytes, ctx) -> dict:
    """A multipart upload as API Gateway hands it over: the body base64-encoded."""
    import base64

    boundary = "----ImpacteSampleBoundary7MA4YWxkTrZu0gW"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n"
            f"Content-Type: {content_type}\r\n\r\n").encode() + raw + f"\r\n--{boundary}--\r\n".encode()
    event = http("PUT", path, route=route, ctx=ctx, proxy=proxy, raw_body=base64.b64encode(body).decode(),
                 headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    event["isBase64Encoded"] = True
    return event


def _demo_logo() -> bytes:
    from shared.company.service import demo_logo_png

    return demo_logo_png(24)


NEW_ITEM = {"name": "Plano Presença Digital", "description": "Gestão de redes sociais, 12 publicações por mês.",
            "kind": "plano", "price_cents": 59_000, "recurrence": "mensal", "sku": "PLN-PRES"}
COMPANY = {"legal_name": "Impacte Demo Marketing Digital Ltda", "trade_name": "Impacte Demo",
           "cnpj": "11.222.333/0001-81", "phone": "(11) 3456-7890", "email": "contato@impactedemo.com.br",
           "address": {"cep": "01310-100", "street": "Avenida Paulista", "number": "1000", "city": "São Paulo",
                       "state": "SP"}, "signature_city": "São Paulo"}
_UNKNOWN_ITEM = stable_id("catalog:unknown")
EVENTS.update({
    "finance/catalog-search.json": http("GET", "/api/catalog", query="q=presenca&kind=plano&limit=20", ctx=SELLER),
    "finance/catalog-create.json": http("POST", "/api/catalog", ctx=ADMIN, body=NEW_ITEM),
    "finance/refused-catalog-negative-price.json": http("POST", "/api/catalog", ctx=ADMIN,
                                                        body={**NEW_ITEM, "price_cents": -100}),
    "finance/refused-seller-creates-catalog-item.json": http("POST", "/api/catalog", ctx=SELLER, body=NEW_ITEM),
    "finance/refused-catalog-unknown-item.json": http(
        "POST", f"/api/catalog/{_UNKNOWN_ITEM}/archive", route="/api/catalog/{proxy+}", ctx=ADMIN,
        proxy=f"{_UNKNOWN_ITEM}/archive"),
    "finance/company-profile.json": http("GET", "/api/company/profile", route="/api/company/{proxy+}", ctx=SELLER,
                                         proxy="profile"),
    "finance/company-profile-save.json": http("PUT", "/api/company/profile", route="/api/company/{proxy+}",
                                              ctx=ADMIN, proxy="profile", body=COMPANY),
    "finance/refused-company-profile-invalid-cnpj.json": http(
        "PUT", "/api/company/profile", route="/api/company/{proxy+}", ctx=ADMIN, proxy="profile",
        body={**COMPANY, "cnpj": "11.222.333/0001-82"}),
    "finance/company-logo-upload.json": _upload("/api/company/profile/logo", "/api/company/{proxy+}",
                                                "profile/logo", "logo.png", "image/png", _demo_logo(), ADMIN),
    "finance/refused-company-logo-not-an-image.json": _upload(
        "/api/company/profile/logo", "/api/company/{proxy+}", "profile/logo", "logo.gif", "image/gif",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", ADMIN),
})

_UNKNOWN_DOCUMENT = stable_id("document:unknown")
EVENTS.update({
    "documents/list.json": http("GET", "/api/documents", query="kind=proposta&status=enviado&limit=20", ctx=SELLER),
    "documents/templates.json": http("GET", "/api/documents/templates", route="/api/documents/{proxy+}",
                                     ctx=ADMIN, proxy="templates"),
    "documents/refused-create-without-items.json": http(
        "POST", "/api/documents", ctx=SELLER, body={"kind": "proposta", "client_id": _UNKNOWN_DOCUMENT, "items": []}),
    "documents/refused-unknown-document.json": http(
        "GET", f"/api/documents/{_UNKNOWN_DOCUMENT}", route="/api/documents/{proxy+}", ctx=SELLER,
        proxy=_UNKNOWN_DOCUMENT),
    "documents/refused-template-sandbox-escape.json": http(
        "PUT", "/api/documents/templates/proposta", route="/api/documents/{proxy+}", ctx=ADMIN,
        proxy="templates/proposta", body={"body": "<p>{{ cliente.__class__.__mro__ }}</p>"}),
    # A Task state of statemachines/document_generation.asl.json (the Render step's input).
    "documents/refused-step-render-unknown-document.json": {
        "step": "render", "document": {"tenant_id": stable_id("tenant:demo"), "id": _UNKNOWN_DOCUMENT,
                                       "actor_id": stable_id("user:vendedor@demo.local")}},
})

_UNKNOWN_CHARGE = stable_id("charge:unknown")
EVENTS.update({
    "charges/list.json": http("GET", "/api/charges", query="status=vencida&limit=20", ctx=ADMIN),
    "charges/totals.json": http("GET", "/api/charges/totals", route="/api/charges/{proxy+}", ctx=ADMIN,
                                proxy="totals", query="due_from=2026-12-01&due_to=2026-12-31"),
    "charges/refused-below-cora-minimum.json": http(
        "POST", "/api/charges", ctx=ADMIN, body={"client_id": _UNKNOWN_CHARGE, "description": "Mensalidade",
                                                 "amount_cents": 499, "due_date": "2027-01-10"}),
    "charges/refused-seller-creates-charge.json": http(
        "POST", "/api/charges", ctx=SELLER, body={"client_id": _UNKNOWN_CHARGE, "description": "Mensalidade",
                                                  "amount_cents": 5000, "due_date": "2027-01-10"}),
    "charges/refused-unknown-charge.json": http(
        "GET", f"/api/charges/{_UNKNOWN_CHARGE}", route="/api/charges/{proxy+}", ctx=ADMIN, proxy=_UNKNOWN_CHARGE),
    # Cora's payment webhook on a route id that names no company.
    "charges/refused-cora-webhook-unknown-route.json": http(
        "POST", "/webhooks/cora/rota-desconhecida", route="/webhooks/cora/{hook_id}", ctx=None,
        path_params={"hook_id": "rota-desconhecida"}, headers={"user-agent": "Cora-Webhook", "webhook-event-id": "evt_0001", "webhook-event-type": "invoice.paid",
                 "webhook-resource-id": "inv_0001"}),
    # A Task state of statemachines/charge_series.asl.json (one installment of the Map).
    "charges/refused-step-issue-unknown-charge.json": {
        "step": "issue", "charge": {"tenant_id": stable_id("tenant:demo"), "id": _UNKNOWN_CHARGE}},
})


def main() -> None:
    for name, event in EVENTS.items():
        path = ROOT / "events" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(event, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(EVENTS)} events written to events/")


if __name__ == "__main__":
    main()
