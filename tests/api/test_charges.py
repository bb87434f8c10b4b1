"""Cobranças through the API against the sandbox's fake Cora (our real Cora client, mTLS pair and all):
manual charges, duplicates, provider failures, cancel/re-issue/sync, the payment webhook and
per-company credentials. Series run through the state machine: tests/workflows/test_charge_series.py."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from shared import clock, keys
from shared.charges import boleto, pix
from shared.db.table import Table
from tests.support.fakes import connect_cora
from tests.support.http import auth_headers
from tests.support.people import new_cpf, new_mobile

ADMINS: dict[str, dict] = {}  # a finance user's Authorization -> their company's administrator headers


def _finance(api, company):
    headers = auth_headers(api, company.emails["financeiro"])
    ADMINS[headers["Authorization"]] = auth_headers(api, company.emails["administrador"])
    return headers


@pytest.fixture
def finance(api, world):
    return _finance(api, world.a)


@pytest.fixture
def finance_b(api, world):
    return _finance(api, world.b)


def in_days(days: int) -> str:
    return (clock.to_local(clock.now()) + timedelta(days=days)).date().isoformat()


def new_client(api, headers, **extra):
    """A client registered by the company's administrator (the finance team does not register clients)."""
    headers = ADMINS[headers["Authorization"]]
    body = {"type": "pf", "first_name": "Helena", "last_name": "Prado", "document": new_cpf(),
            "email": f"helena.{new_cpf()}@exemplo.com.br", "whatsapp": new_mobile(), **extra}
    resp = api.post("/api/clients", headers=headers, json=body)
    assert resp.status_code == 201, resp.text
    return resp.json()


def charge(api, headers, client_id, *, status=201, **extra):
    body = {"client_id": client_id, "description": "Mensalidade dezembro", "amount_cents": 15_990,
            "due_date": in_days(10), **extra}
    resp = api.post("/api/charges", headers=headers, json=body)
    assert resp.status_code == status, resp.text
    return resp.json()


def timeline_kinds(api, headers, client_id):
    return [e["kind"] for e in api.get(f"/api/clients/{client_id}/timeline", headers=headers).json()["items"]]


def test_a_manual_charge_is_issued_at_cora_with_checked_codes(api, world, finance, fake_cora):
    connect_cora(world.a.tenant_id)
    c = new_client(api, finance)
    made = charge(api, finance, c["id"])
    assert made["status"] == "emitida" and made["provider_id"].startswith("inv_")
    assert boleto.is_valid_barcode(made["barcode"]) and boleto.is_valid_digitable_line(made["digitable_line"])
    assert boleto.digitable_line_to_barcode(made["digitable_line"]) == made["barcode"]
    assert pix.is_valid_emv(made["pix_emv"]) and pix.parse(made["pix_emv"])["amount_cents"] == 15_990
    assert made["digitable_line_formatted"].count(" ") == 4 and made["pdf_url"].endswith(".pdf")
    assert made["can_simulate_payment"] is True and made["fine_percent"] == 2.0
    invoice = next(iter(fake_cora.fake.accounts["int-empresa-a"].invoices.values()))
    assert invoice["services"][0]["amount"] == 15_990 and invoice["customer"]["document"]["type"] == "CPF"
    assert invoice["customer"]["document"]["identity"] == c["document"].replace(".", "").replace("-", "")
    assert invoice["payment_forms"] == ["BANK_SLIP", "PIX"] and invoice["code"] == made["id"]
    listed = api.get("/api/charges", headers=finance, params={"client_id": c["id"]}).json()["items"]
    assert [x["id"] for x in listed] == [made["id"]]
    totals = api.get("/api/charges/totals", headers=finance).json()
    assert totals["pending_count"] == 1 and totals["pending_cents"] == 15_990 and totals["paid_cents"] == 0


def test_codes_failing_their_check_digits_are_not_shown(api, world, finance, fake_cora):
    connect_cora(world.a.tenant_id)
    c = new_client(api, finance)
    good = charge(api, finance, c["id"])
    tampered_line = good["digitable_line"][:-1] + str((int(good["digitable_line"][-1]) + 1) % 10)
    from shared.charges import issuing, store

    record = store.load(world.a.tenant_id, good["id"])
    record = issuing.apply_invoice(record, {"id": good["provider_id"], "status": "OPEN", "pix": {
        "emv": good["pix_emv"][:-4] + "0000"}, "payment_options": {"bank_slip": {"digitable": "1" * 47}}})
    shown = api.get(f"/api/charges/{good['id']}", headers=finance).json()
    assert shown["digitable_line"] == good["digitable_line"] != tampered_line  # the bad ones never replaced them
    assert shown["pix_emv"] == good["pix_emv"]
    assert "dígito verificador inválido" in shown["history"][-1]["text"]


def test_the_same_charge_twice_is_refused_naming_the_first(api, world, finance, fake_cora):
    connect_cora(world.a.tenant_id)
    c = new_client(api, finance)
    first = charge(api, finance, c["id"])
    again = charge(api, finance, c["id"], status=409)
    assert again["existing_charge_id"] == first["id"] and "R$ 159,90" in again["detail"]
    assert len(fake_cora.fake.accounts["int-empresa-a"].invoices) == 1
    charge(api, finance, c["id"], amount_cents=16_000)  # another amount is another charge
    cancelled = api.post(f"/api/charges/{first['id']}/cancel", headers=finance).json()
    assert cancelled["status"] == "cancelada"
    invoice = fake_cora.fake.accounts["int-empresa-a"].invoices[first["provider_id"]]
    assert invoice["status"] == "CANCELLED"
    assert charge(api, finance, c["id"])["status"] == "emitida"  # cancelled: the slot is free again


@pytest.mark.parametrize(("extra", "field"), [
    ({"amount_cents": 499}, "amount_cents"),
    ({"due_date": "2020-01-01"}, "due_date"),
    ({"forms": []}, "forms"),
    ({"forms": ["cheque"]}, "forms.0"),
    ({"fine_percent": 5}, "fine_percent"),
    ({"description": "  "}, "description"),
    ({"card_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}, "card_id"),
])
def test_bad_input_is_422_naming_the_field_and_nothing_is_stored(api, world, finance, fake_cora, extra, field):
    connect_cora(world.a.tenant_id)
    c = new_client(api, finance)
    resp = charge(api, finance, c["id"], status=422, **extra)
    assert resp["errors"][0]["field"] == field, resp
    assert api.get("/api/charges", headers=finance).json()["items"] == []
    assert fake_cora.calls == []


def test_a_client_without_cpf_or_cnpj_and_a_company_without_cora(api, world, finance, fake_cora):
    c = new_client(api, finance)
    not_set = charge(api, finance, c["id"], status=422)
    assert not_set["errors"][0]["field"] == "cora" and "Integrações" in not_set["detail"]
    connect_cora(world.a.tenant_id)
    nodoc = new_client(api, finance, document=None, first_name="Sem", email="sem@exemplo.com.br")
    resp = charge(api, finance, nodoc["id"], status=422)
    assert resp["errors"][0]["field"] == "client_id" and "CPF ou CNPJ" in resp["detail"]


def test_cora_refusal_is_erro_with_its_message_then_reissue(api, world, finance, fake_cora):
    connect_cora(world.a.tenant_id)
    c = new_client(api, finance)
    fake_cora.fake.script(400, {"errors": [{"code": "INVALID_CUSTOMER", "message": "customer.address is invalid"}]})
    failed = charge(api, finance, c["id"])
    assert failed["status"] == "erro" and failed["can_reissue"] is True
    assert failed["error"]["code"] == "INVALID_CUSTOMER" and "customer.address is invalid" in failed["error"]["message"]
    assert failed["barcode"] is None and failed["pix_emv"] is None
    again = api.post(f"/api/charges/{failed['id']}/reissue", headers=finance).json()
    assert again["status"] == "emitida" and again["error"] is None
    keys_used = fake_cora.fake.accounts["int-empresa-a"].idempotency
    assert len(keys_used) == 1 and len(fake_cora.fake.accounts["int-empresa-a"].invoices) == 1


def test_cora_unavailable_then_reissue_reuses_the_idempotency_key(api, world, finance, fake_cora):
    connect_cora(world.a.tenant_id)
    c = new_client(api, finance)
    fake_cora.fake.script(503, {"errors": [{"code": "UNAVAILABLE", "message": "try later"}]})
    failed = charge(api, finance, c["id"])
    assert failed["status"] == "erro" and failed["error"]["code"] == "indisponivel"
    from shared.charges import cora, store

    record = store.load(world.a.tenant_id, failed["id"])
    again = api.post(f"/api/charges/{failed['id']}/reissue", headers=finance).json()
    assert again["status"] == "emitida"
    account = fake_cora.fake.accounts["int-empresa-a"]
    assert list(account.idempotency) == [cora.idempotency_key(world.a.tenant_id, failed["id"],
                                                             record.issue_generation)]


def test_payment_webhook_replayed_three_times_is_processed_once(api, world, finance, fake_cora):
    connect_cora(world.a.tenant_id)
    assert api.post("/api/integrations/cora/test", headers=auth_headers(api, world.a.emails["administrador"])
                    ).json()["ok"] is True  # Testar registers the payment webhook at Cora
    c = new_client(api, finance)
    made = charge(api, finance, c["id"])
    from shared.charges import cora

    with cora.client_for(world.a.tenant_id) as session:  # the payer pays at the bank
        session.pay_invoice(made["provider_id"])
    deliveries = fake_cora.deliveries()
    assert len(deliveries) == 1 and deliveries[0]["status"] == 200, deliveries
    for _ in range(2):
        resp = fake_cora.api.post("/sandbox/cora/sandbox/redeliver", json={"id": made["provider_id"]})
        assert resp.status_code in (200, 404)
        fake_cora.fake.redeliver(made["provider_id"])
    assert len({d["event_id"] for d in fake_cora.deliveries()}) == 1 and len(fake_cora.deliveries()) >= 3
    paid = api.get(f"/api/charges/{made['id']}", headers=finance).json()
    assert paid["status"] == "paga" and paid["paid_cents"] == 15_990 and paid["paid_at"]
    assert timeline_kinds(api, finance, c["id"]).count("charge_paid") == 1
    day = Table().get(keys.day_stats(world.a.tenant_id, clock.to_local(clock.now()).date().isoformat()))
    assert day["received_count"] == 1 and day["received_cents"] == 15_990
    assert Table().get(keys.charge_stats(world.a.tenant_id))["open_count"] == 0


def test_statuses_never_move_backwards(api, world, finance, fake_cora):
    from shared.charges import issuing, store

    connect_cora(world.a.tenant_id)
    made = charge(api, finance, new_client(api, finance)["id"])
    record = store.load(world.a.tenant_id, made["id"])
    paid = issuing.apply_invoice(record, {"id": made["provider_id"], "status": "PAID", "total_paid": 15_990})
    late_open = issuing.apply_invoice(paid, {"id": made["provider_id"], "status": "OPEN"})
    late_late = issuing.apply_invoice(late_open, {"id": made["provider_id"], "status": "LATE"})
    assert paid.status == late_open.status == late_late.status == "paga"
    assert api.get(f"/api/charges/{made['id']}", headers=finance).json()["status"] == "paga"


def test_a_company_route_with_another_company_invoice_changes_nothing(api, world, finance, finance_b, fake_cora):
    connect_cora(world.a.tenant_id, "int-empresa-a")
    connect_cora(world.b.tenant_id, "int-empresa-b")
    theirs = charge(api, finance_b, new_client(api, finance_b)["id"])
    admin = auth_headers(api, world.a.emails["administrador"])
    hook = next(i for i in api.get("/api/integrations", headers=admin).json()["items"] if i["kind"] == "cora")
    with_b_invoice = api.post(httpx_path(hook["webhook_url"]), headers={
        "webhook-event-id": "evt_forged", "webhook-event-type": "invoice.paid",
        "webhook-resource-id": theirs["provider_id"]})
    assert with_b_invoice.status_code == 200 and with_b_invoice.json()["status"] == "ignored"
    assert api.get(f"/api/charges/{theirs['id']}", headers=finance_b).json()["status"] == "emitida"
    assert api.get(f"/api/charges/{theirs['id']}", headers=finance).status_code == 404
    assert api.post("/webhooks/cora/nao-existe", headers={"webhook-event-id": "evt_1"}).status_code == 404


def httpx_path(url: str) -> str:
    import httpx

    return httpx.URL(url).path


def test_tokens_are_cached_per_company_and_never_crossed(api, world, finance, finance_b, fake_cora):
    connect_cora(world.a.tenant_id, "int-empresa-a")
    connect_cora(world.b.tenant_id, "int-empresa-b")
    for headers in (finance, finance_b, finance, finance_b):
        c = new_client(api, headers, first_name=f"Cliente {len(fake_cora.calls)}")
        charge(api, headers, c["id"])
    token_calls = [call for call in fake_cora.calls if call[1].endswith("/token")]
    assert len(token_calls) == 2  # one per company, then cached
    invoice_auth = [auth for method, path, auth in fake_cora.calls if path.endswith("/v2/invoices")]
    assert len(invoice_auth) == 4 and len(set(invoice_auth)) == 2
    assert invoice_auth[0] == invoice_auth[2] != invoice_auth[1] == invoice_auth[3]
    assert len(fake_cora.fake.accounts["int-empresa-a"].invoices) == 2
    assert len(fake_cora.fake.accounts["int-empresa-b"].invoices) == 2


def test_sync_now_and_simulated_payment(api, world, finance, fake_cora):
    connect_cora(world.a.tenant_id)
    c = new_client(api, finance)
    made = charge(api, finance, c["id"])
    fake_cora.fake.accounts["int-empresa-a"].invoices[made["provider_id"]]["status"] = "LATE"
    synced = api.post(f"/api/charges/{made['id']}/sync", headers=finance).json()
    assert synced["status"] == "vencida" and synced["can_simulate_payment"] is True
    paid = api.post(f"/api/charges/{made['id']}/simulate-payment", headers=finance).json()
    assert paid["status"] == "paga" and paid["can_cancel"] is False
    assert api.post(f"/api/charges/{made['id']}/cancel", headers=finance).status_code == 409
    assert api.post(f"/api/charges/{made['id']}/simulate-payment", headers=finance).status_code == 409


def test_permissions_and_isolation(api, world, finance, fake_cora):
    connect_cora(world.a.tenant_id)
    made = charge(api, finance, new_client(api, finance)["id"])
    seller = auth_headers(api, world.a.emails["vendedor"])
    assert api.post("/api/charges", headers=seller, json={}).status_code == 403
    other = auth_headers(api, world.b.emails["administrador"])
    assert api.get(f"/api/charges/{made['id']}", headers=other).status_code == 404
    assert api.post(f"/api/charges/{made['id']}/cancel", headers=other).status_code == 404
    assert api.get("/api/charges", headers=other).json()["items"] == []


def test_reminders_follow_the_company_rules_and_stop_on_payment(api, world, finance, fake_cora):
    connect_cora(world.a.tenant_id)
    saved = api.put("/api/charges/settings", headers=finance, json={
        "reminders_enabled": True, "reminders": {"channel": "email", "days_before": 3, "on_due_date": True,
                                                 "overdue_every_days": 5, "overdue_max": 2}})
    assert saved.status_code == 200, saved.text
    c = new_client(api, finance)
    made = charge(api, finance, c["id"], due_date=in_days(10))
    schedules = api.get("/api/schedules", headers=finance, params={"client_id": c["id"]}).json()["items"]
    mine = sorted((s for s in schedules if s["charge_id"] == made["id"]), key=lambda s: s["send_at"])
    assert len(mine) == 4 and {s["purpose"] for s in mine} == {"aviso_vencimento"}
    due = clock.to_local(clock.now()).date() + timedelta(days=10)
    days = [clock.to_local(datetime.fromisoformat(s["send_at"])).date() for s in mine]
    assert days == [due - timedelta(days=3), due, due + timedelta(days=5), due + timedelta(days=10)]
    assert all(clock.to_local(datetime.fromisoformat(s["send_at"])).hour == 9 for s in mine)
    assert made["pix_emv"] in mine[0]["body"] and made["digitable_line_formatted"] in mine[0]["body"]
    assert "R$ 159,90" in mine[0]["subject"] or "Mensalidade" in mine[0]["subject"]
    api.post(f"/api/charges/{made['id']}/simulate-payment", headers=finance)
    after = api.get("/api/schedules", headers=finance, params={"client_id": c["id"]}).json()["items"]
    assert {s["status"] for s in after if s["charge_id"] == made["id"]} == {"cancelado"}


def test_payment_moves_the_card_makes_a_receipt_and_feeds_the_dashboard(api, world, finance, fake_cora,
                                                                        atomic_requests):
    from shared.charges import store

    connect_cora(world.a.tenant_id)
    api.put("/api/charges/settings", headers=finance, json={"move_card_on_payment": True,
                                                            "receipt_on_payment": True})
    c = new_client(api, finance)
    before = api.get("/api/dashboard", headers=finance).json()["charges"]
    paid = charge(api, finance, c["id"], amount_cents=25_000)
    late = charge(api, finance, c["id"], amount_cents=7_000)
    record = store.load(world.a.tenant_id, late["id"])
    store.change(record, {"due_date": clock.to_local(clock.now()).date() - timedelta(days=2)})
    api.post(f"/api/charges/{paid['id']}/simulate-payment", headers=finance)
    figures = api.get("/api/dashboard", headers=finance).json()["charges"]
    assert figures["received_cents"] - before["received_cents"] == 25_000
    assert figures["received_count"] - before["received_count"] == 1
    assert figures["overdue_count"] - before["overdue_count"] == 1
    assert figures["overdue_cents"] - before["overdue_cents"] == 7_000
    assert figures["pending_count"] == before["pending_count"]
    shown = api.get(f"/api/charges/{late['id']}", headers=finance).json()
    assert shown["status"] == "vencida"
    admin = ADMINS[finance["Authorization"]]
    assert api.get(f"/api/clients/{c['id']}", headers=admin).json()["stage"] == "cliente_ativo"
    receipts = api.get("/api/documents", headers=admin, params={"client_id": c["id"], "kind": "recibo"}).json()
    assert len(receipts["items"]) == 1 and receipts["items"][0]["total_cents"] == 25_000
    seller = auth_headers(api, world.a.emails["vendedor"])
    assert api.get("/api/dashboard", headers=seller).json()["charges"] is None  # not their figures


def test_anonymizing_the_client_keeps_the_charges_without_the_name(api, world, finance, fake_cora):
    connect_cora(world.a.tenant_id)
    c = new_client(api, finance, first_name="Clarice", last_name="Lispector")
    made = charge(api, finance, c["id"])
    admin = ADMINS[finance["Authorization"]]
    assert api.post(f"/api/clients/{c['id']}/anonymize", headers=admin).status_code == 200
    kept = api.get(f"/api/charges/{made['id']}", headers=finance).json()
    assert kept["amount_cents"] == 15_990 and kept["provider_id"] == made["provider_id"]
    assert "Clarice" not in kept["client_name"] and "Lispector" not in str(
        api.get("/api/charges", headers=finance).json())
