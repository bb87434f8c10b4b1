"""Company B, with every permission, walks every route of the OpenAPI schema using company A's ids.

Ids of A answer 404, lists show nothing of A, writes change nothing of A. New routes are covered
automatically; a route whose request body has no sample here fails the test until one is added.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from tests.support.http import auth_headers

# One valid request body per schema component, used by whichever route takes it.
SAMPLE_BODIES = {
    "UserCreate": {"name": "Intrusa", "email": "intrusa@outra.local", "role": "vendedor", "password": "Senha1234"},
    "UserUpdate": {"name": "Renomeada Por B"},
    "PasswordReset": {"password": "Invadida123"},
    "RoleUpdate": {"permissions": ["dashboard:read"], "data_scope": "all"},
    "LoginRequest": {"email": "admin@outra.local", "password": "Demo@2026"},
    "RefreshRequest": {"refresh_token": "v1.x"},
    "PasswordChange": {"current_password": "errada", "new_password": "Qualquer123"},
    "PlanCreate": {"name": "Plano B", "monthly_price_cents": 1, "user_limit": 1, "modules": []},
    "PlanUpdate": {"name": "Plano B"},
    "TenantCreate": {"name": "X", "plan_id": "x", "admin_name": "X", "admin_email": "x@x.com", "admin_password": "x"},
    "TenantUpdate": {"name": "Renomeada"},
    "ClientCreate": {"type": "pf", "first_name": "Intruso", "document": "529.982.247-25"},
    "ClientUpdate": {"first_name": "Renomeado Por B"},
    "NoteCreate": {"text": "nota de B"},
    "CustomFieldList": {"items": [{"label": "Campo de B", "type": "text"}]},
    "CardUpdate": {"value_cents": 1, "next_step": "invadir"},
    "MoveRequest": {"stage": "perdido", "loss_reason": "Preço"},
    "FunnelSettings": {"loss_reasons": ["B"], "stalled_days": {"novo_contato": 1}},
    "ImportStart": {"mapping": {"Nome": "full_name"}, "on_duplicate": "merge"},
    "MergeRequest": {"source_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "fields": {"email": "source"}},
    "SendMessage": {"text": "Mensagem de B"},
    "StartConversation": {"client_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"},
    "LinkConversation": {"client_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"},
    "AssignConversation": {"user_id": None},
    "SandboxInbound": {"phone": "(11) 98765-4321", "name": "B", "text": "Oi de B"},
    "TestEmail": {"to": "b@outra.local"},
    "IntegrationUpdate": {"settings": {}, "secrets": {}},
    "TaskCreate": {"title": "Tarefa de B", "due_at": "2030-01-01T10:00:00-03:00"},
    "TaskUpdate": {"title": "Renomeada por B"},
    "ScheduleCreate": {"channel": "email", "to_email": "b@outra.local", "subject": "B", "body": "B",
                       "send_at": "2030-01-01T10:00:00-03:00"},
    "ScheduleFields": {"channel": "email", "to_email": "b@outra.local", "subject": "B", "body": "B",
                       "send_at": "2030-01-01T10:00:00-03:00"},
    "MessageTemplateFields": {"name": "Modelo de B", "body": "Oi"},
    "PreviewRequest": {"body": "Oi {{ cliente }}"},
    # the same SKU as company A's item: SKUs are unique per company only
    "CatalogItemCreate": {"name": "Item de B", "kind": "produto", "price_cents": 1, "sku": "SKU-EMPRESA-A"},
    "CatalogItemUpdate": {"name": "Renomeado por B", "price_cents": 1},
    "CompanyProfileUpdate": {"legal_name": "Empresa B Ltda", "cnpj": "45.723.174/0001-10"},
    "DocumentCreate": {"kind": "proposta", "client_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV",
                       "items": [{"description": "Item de B", "unit_price_cents": 1}]},
    "DocumentFields": {"kind": "proposta", "client_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV",
                       "items": [{"description": "Item de B", "unit_price_cents": 1}]},
    "SendRequest": {"channel": "email", "to": "b@outra.local"},
    "TemplateFields": {"body": "<p>Modelo de B {{ cliente.nome }}</p>"},
    "ChargeCreate": {"client_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "description": "Cobrança de B", "amount_cents": 5000,
                     "due_date": "2030-01-10"},
    "SeriesCreate": {"client_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "description": "Parcelas de B", "total_cents": 9000,
                     "installments": 3, "first_due_date": "2030-01-10"},
    "ChargeSettings": {"reminders_enabled": True, "move_card_on_payment": True},
}


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, op in item.items():
            yield method.upper(), path, op


def _body(schema, op):
    content = (op.get("requestBody") or {}).get("content", {}).get("application/json")
    if not content:
        return None
    ref = content["schema"].get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    assert name in SAMPLE_BODIES, f"add a sample body for {name} to the isolation test"
    return SAMPLE_BODIES[name]


@pytest.fixture
def snapshot(api, world):
    admin_a = auth_headers(api, world.a.emails["administrador"])

    def take():
        users = api.get("/api/users", headers=admin_a).json()
        roles = api.get("/api/roles", headers=admin_a).json()
        me = api.get("/api/me", headers=admin_a).json()
        clients = api.get("/api/clients", headers=admin_a).json()
        timeline = [api.get(f"/api/clients/{c['id']}/timeline", headers=admin_a).json() for c in clients["items"]]
        board = api.get("/api/funnel", headers=admin_a).json()
        dashboard = api.get("/api/dashboard", headers=admin_a).json()
        fields = api.get("/api/clients/custom-fields", headers=admin_a).json()
        settings = api.get("/api/funnel/settings", headers=admin_a).json()
        conversations = api.get("/api/whatsapp/conversations", headers=admin_a).json()
        messages = [api.get(f"/api/whatsapp/conversations/{c['id']}/messages", headers=admin_a).json()
                    for c in conversations["items"]]
        integrations = api.get("/api/integrations", headers=admin_a).json()
        tasks = api.get("/api/tasks", headers=admin_a, params={"view": "team"}).json()
        schedules = api.get("/api/schedules", headers=admin_a).json()
        templates = api.get("/api/schedules/templates", headers=admin_a).json()
        catalog = [api.get("/api/catalog", headers=admin_a, params={"active": active}).json()
                   for active in (True, False)]
        profile = api.get("/api/company/profile", headers=admin_a).json()
        documents = api.get("/api/documents", headers=admin_a).json()
        document_templates = api.get("/api/documents/templates", headers=admin_a).json()
        charges = api.get("/api/charges", headers=admin_a).json()
        charge_settings = api.get("/api/charges/settings", headers=admin_a).json()
        logo = hashlib.sha256(api.get("/api/company/profile/logo", headers=admin_a).content).hexdigest()
        return json.dumps([users, roles, me["tenant"], me["modules"], clients, timeline, board, dashboard,
                           fields, settings, conversations, messages, integrations, tasks, schedules, templates,
                           catalog, profile, logo, documents, document_templates, charges, charge_settings],
                          sort_keys=True)

    return take


def test_company_b_cannot_see_or_touch_company_a_by_any_route(api, world, snapshot, fake_cora, atomic_requests):
    schema = api.get("/api/openapi.json").json()
    admin_a = auth_headers(api, world.a.emails["administrador"])
    client_a = api.post("/api/clients", headers=admin_a, json={
        "type": "pf", "first_name": "Cliente", "last_name": "Da Empresa A", "document": "529.982.247-25",
        "email": "cliente@empresa-a.com.br", "whatsapp": "(11) 98765-4321"}).json()
    import_a = api.post("/api/clients/imports", headers=admin_a, files={"file": (
        "a.csv", b"Nome;E-mail\nCliente Da Empresa A;outro@empresa-a.com.br\n", "text/csv")}).json()
    whatsapp_hook, leads_hook = _company_a_webhooks(api, world.a.tenant_id)
    conversation_a = api.get("/api/whatsapp/conversations", headers=admin_a).json()["items"][0]
    task_a = api.post("/api/tasks", headers=admin_a, json={"title": "Tarefa da empresa A", "client_id": client_a["id"],
                                                          "due_at": "2030-01-01T10:00:00-03:00"}).json()
    schedule_a = api.post("/api/schedules", headers=admin_a, json={
        "channel": "email", "client_id": client_a["id"], "subject": "Assunto da empresa A", "body": "Oi",
        "send_at": "2030-01-01T10:00:00-03:00"}).json()
    template_a = api.post("/api/schedules/templates", headers=admin_a,
                          json={"name": "Modelo da empresa A", "body": "Oi"}).json()
    item_a = _company_a_catalog_and_profile(api, admin_a)
    document_a = api.post("/api/documents", headers=admin_a, json={
        "kind": "proposta", "client_id": client_a["id"], "items": [{"catalog_id": item_a["id"]}]}).json()
    assert api.put("/api/documents/templates/recibo", headers=admin_a,
                   json={"body": "<p>Recibo da empresa A</p>"}).status_code == 200
    charge_a, series_a, cora_hook = _company_a_charges(api, admin_a, world.a.tenant_id, client_a["id"])
    before = snapshot()
    b_admin = auth_headers(api, world.b.emails["administrador"])
    a_markers = {world.a.tenant_id, *world.a.user_ids.values(), *world.a.emails.values(), client_a["id"],
                 client_a["card_id"], "Da Empresa A", "cliente@empresa-a.com.br", import_a["id"],
                 "outro@empresa-a.com.br", conversation_a["id"], "+5511912345678", "Contato Da Empresa A",
                 "Mensagem da empresa A", whatsapp_hook, leads_hook, task_a["id"], "Tarefa da empresa A",
                 schedule_a["id"], "Assunto da empresa A", template_a["id"], "Modelo da empresa A",
                 item_a["id"], "Produto da empresa A", "Razão Social Da Empresa A", "11222333000181",
                 "11.222.333/0001-81", document_a["id"], "Recibo da empresa A", charge_a["id"],
                 charge_a["provider_id"], "Cobrança da empresa A", series_a["id"], cora_hook}
    id_values = {"user_id": world.a.user_ids["gerente"], "tenant_id": world.a.tenant_id,
                 "plan_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "role": "vendedor", "client_id": client_a["id"],
                 "card_id": client_a["card_id"], "stage": "novo_contato", "import_id": import_a["id"],
                 "conversation_id": conversation_a["id"], "hook_id": whatsapp_hook, "kind": "whatsapp",
                 "task_id": task_a["id"], "schedule_id": schedule_a["id"], "template_id": template_a["id"],
                 "item_id": item_a["id"], "document_id": document_a["id"], "charge_id": charge_a["id"],
                 "series_id": series_a["id"]}
    checked = 0
    for method, path, op in _operations(schema):
        permission = op.get("x-permission")
        params = re.findall(r"{(\w+)}", path)
        missing = [p for p in params if p not in id_values]
        assert not missing, f"teach the isolation test an id of company A for {missing} ({path})"
        hooks = {"/webhooks/leads/": leads_hook, "/webhooks/cora/": cora_hook}
        hook = next((h for prefix, h in hooks.items() if path.startswith(prefix)), whatsapp_hook)
        url = path.format(**{**id_values, "hook_id": hook})
        resp = api.request(method, url, headers=b_admin, json=_body(schema, op))
        checked += 1
        assert resp.status_code < 500, (method, path, resp.text)
        if permission == "master":
            assert resp.status_code == 403, (method, path)
            continue
        if path.startswith("/webhooks/"):  # public: A's route id without A's signature or data is refused
            assert 400 <= resp.status_code < 500, (method, path, resp.status_code)
        elif any(p.endswith("_id") for p in params):
            assert resp.status_code == 404, (method, path, resp.status_code)
        leaked = [m for m in a_markers if m in resp.text]
        assert not leaked, (method, path, leaked)
    assert checked >= 15
    assert snapshot() == before
    assert api.get(f"/api/clients/imports/{import_a['id']}", headers=admin_a).json()["status"] == "preview"


def _company_a_catalog_and_profile(api, admin_a) -> dict:
    """A's catalog item (with a SKU) and A's company profile with its logo."""
    from shared.company.service import demo_logo_png

    item = api.post("/api/catalog", headers=admin_a, json={
        "name": "Produto da empresa A", "kind": "produto", "price_cents": 1000, "sku": "SKU-EMPRESA-A"}).json()
    assert api.put("/api/company/profile", headers=admin_a, json={
        "legal_name": "Razão Social Da Empresa A Ltda", "cnpj": "11.222.333/0001-81"}).status_code == 200
    assert api.put("/api/company/profile/logo", headers=admin_a,
                   files={"file": ("a.png", demo_logo_png(), "image/png")}).status_code == 200
    return item


def _company_a_webhooks(api, tenant_id: str) -> tuple[str, str]:
    """A's WhatsApp and lead routes, with one conversation (a signed inbound message) and one lead."""
    from shared.integrations.service import ensure_hook, get_config
    from tests.api.test_whatsapp_support import deliver, inbound, setup_whatsapp

    whatsapp_hook = setup_whatsapp(tenant_id)
    assert deliver(api, whatsapp_hook, inbound("5511912345678", "Mensagem da empresa A",
                                               name="Contato Da Empresa A")).status_code == 200
    leads_hook = ensure_hook(get_config(tenant_id, "leads")).hook_id or ""
    assert api.post(f"/webhooks/leads/{leads_hook}", json={"phone": "11 97777-6666"}).status_code == 202
    return whatsapp_hook, leads_hook


def _company_a_charges(api, admin_a, tenant_id: str, client_id: str) -> tuple[dict, dict, str]:
    """A's Cora set-up (its webhook route), one manual charge and one finished series."""
    import time

    from shared.integrations.service import ensure_hook, get_config
    from tests.support.fakes import connect_cora

    connect_cora(tenant_id)
    charge = api.post("/api/charges", headers=admin_a, json={
        "client_id": client_id, "description": "Cobrança da empresa A", "amount_cents": 12_345,
        "due_date": "2030-01-10"}).json()
    assert charge["status"] == "emitida", charge
    series = api.post("/api/charges/series", headers=admin_a, json={
        "client_id": client_id, "description": "Cobrança da empresa A", "total_cents": 30_000, "installments": 2,
        "first_due_date": "2030-02-10"}).json()
    deadline = time.monotonic() + 60
    while api.get(f"/api/charges/series/{series['id']}", headers=admin_a).json().get("status") != "concluida":
        assert time.monotonic() < deadline, "the series did not finish"
        time.sleep(0.2)
    return charge, series, ensure_hook(get_config(tenant_id, "cora")).hook_id or ""


def test_every_item_key_starts_with_its_tenant(api, world):
    """Tenant items live under `T#<tenant>#`; only documented global lookups and platform items don't."""
    from shared.aws import client
    from shared.db.table import deserialize
    from shared.settings import get_settings

    _company_a_webhooks(api, world.a.tenant_id)
    admin_a = auth_headers(api, world.a.emails["administrador"])
    assert api.post("/api/schedules", headers=admin_a, json={
        "channel": "email", "to_email": "x@empresa-a.com.br", "subject": "S", "body": "B",
        "send_at": "2030-01-01T10:00:00-03:00"}).status_code == 201
    _company_a_catalog_and_profile(api, admin_a)
    ddb = client("dynamodb")
    items = [deserialize(i) for i in ddb.scan(TableName=get_settings().table_name)["Items"]]
    assert items
    for item in items:
        pk = item["PK"]
        assert pk[:2] in ("T#", "P#", "G#"), pk
        if pk.startswith("T#"):
            tenant = pk.split("#")[1]
            assert item.get("tenant_id", tenant) in (tenant, None) or item.get("id") == tenant, item
            for index in ("GSI1PK", "GSI2PK", "GSI3PK"):
                value = item.get(index)
                if value and value.startswith("DUE#"):  # the dispatcher's cross-company index of due minutes
                    assert item["entity"] == "schedule" and item[index.replace("PK", "SK")].startswith(f"{tenant}#")
                    continue
                assert value is None or value.startswith(f"T#{tenant}#") or value.startswith("P#"), (pk, value)
        if pk.startswith("G#"):
            assert pk.startswith(("G#EMAIL#", "G#LOGIN#", "G#HOOK#")), pk
