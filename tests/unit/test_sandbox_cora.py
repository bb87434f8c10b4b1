"""The fake Cora of the local stack through HTTP (TestClient, no network): invoices, codes, webhooks."""

from __future__ import annotations

import io
import threading
import uuid
from datetime import date, timedelta

import pytest
import pytest_socket
from fastapi import FastAPI
from fastapi.testclient import TestClient

from devstack.sandbox import cora
from shared.charges import boleto, pix

TODAY = date(2026, 3, 10)
HOOK = "http://127.0.0.1:1/webhooks/cora/secret-token"


@pytest.fixture(autouse=True)
def _unix_sockets_only(socket_disabled):
    """TestClient's event loop needs a Unix socketpair; TCP stays blocked like every unit test."""
    pytest_socket.enable_socket()
    pytest_socket.disable_socket(allow_unix_socket=True)


class Posts(list):
    def __call__(self, url, headers):
        self.append({"url": url, "headers": headers})
        return 200


@pytest.fixture
def fake():
    posts = Posts()
    days = {"today": TODAY}
    f = cora.FakeCora(poster=posts, spawn=lambda fn: fn(), today=lambda: days["today"])
    f.posts, f.days = posts, days
    return f


@pytest.fixture
def client(fake):
    app = FastAPI()
    app.include_router(cora.router(fake))
    return TestClient(app)


def login(client, client_id="int-empresaA") -> dict[str, str]:
    resp = client.post("/sandbox/cora/token", data={"grant_type": "client_credentials", "client_id": client_id})
    assert resp.status_code == 200
    return {"Authorization": f"Bearer {resp.json()['access_token']}"}


def invoice_body(**changes) -> dict:
    body = {
        "code": "pedido-42",
        "customer": {"name": "Maria da Silva", "email": "maria@example.com",
                     "document": {"identity": "12345678909", "type": "CPF"}},
        "services": [{"name": "Consultoria", "description": "Março", "amount": 120000},
                     {"name": "Taxa", "amount": 3456}],
        "payment_terms": {"due_date": (TODAY + timedelta(days=5)).isoformat()},
        "payment_forms": ["BANK_SLIP", "PIX"],
    }
    body.update(changes)
    return body


def create(client, auth, body=None, key=None):
    return client.post("/sandbox/cora/v2/invoices", json=invoice_body() if body is None else body,
                       headers={**auth, "Idempotency-Key": key or str(uuid.uuid4())})


def endpoint(client, auth, trigger="paid", url=HOOK, key=None):
    return client.post("/sandbox/cora/endpoints/", json={"url": url, "resource": "invoice", "trigger": trigger},
                       headers={**auth, "Idempotency-Key": key or str(uuid.uuid4())})


def test_every_route_needs_a_live_token(client, fake):
    for method, path in (("GET", "/v2/invoices"), ("GET", "/v2/invoices/inv_x"), ("POST", "/v2/invoices"),
                         ("DELETE", "/v2/invoices/inv_x"), ("POST", "/v2/invoices/pay"), ("GET", "/endpoints/")):
        resp = client.request(method, "/sandbox/cora" + path, headers={"Authorization": "Bearer nope"})
        assert resp.status_code == 401 and resp.json()["error"] == "invalid_token", path
    assert client.get("/sandbox/cora/v2/invoices").status_code == 401
    auth = login(client)
    assert client.get("/sandbox/cora/v2/invoices", headers=auth).status_code == 200
    token = auth["Authorization"].split()[1]
    client_id, _ = fake.tokens[token]
    fake.tokens[token] = (client_id, 0.0)  # expired
    assert client.get("/sandbox/cora/v2/invoices", headers=auth).status_code == 401
    bad = client.post("/sandbox/cora/token", data={"grant_type": "client_credentials", "client_id": "abc"})
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"


def test_created_invoice_carries_codes_our_validators_accept(client):
    auth = login(client)
    resp = create(client, auth, invoice_body(notification={"name": "Maria", "channels": []}))
    assert resp.status_code == 200
    inv = resp.json()
    assert inv["id"].startswith("inv_") and inv["status"] == "OPEN" and inv["created_at"]
    assert (inv["total_amount"], inv["total_paid"], inv["payments"]) == (123456, 0, [])
    assert inv["code"] == "pedido-42" and inv["customer"]["name"] == "Maria da Silva"
    assert inv["notification"] == {"name": "Maria", "channels": []}
    slip = inv["payment_options"]["bank_slip"]
    assert slip["registered"] is True and len(slip["our_number"]) == 11
    assert boleto.validate_barcode(slip["barcode"]) == slip["barcode"]
    assert boleto.validate_digitable_line(slip["digitable"]) == slip["digitable"]
    assert boleto.barcode_to_digitable_line(slip["barcode"]) == slip["digitable"]
    info = boleto.parse(slip["digitable"], reference=TODAY)
    assert (info.bank_code, info.amount_cents, info.due_date) == ("403", 123456, TODAY + timedelta(days=5))
    emv = pix.parse(inv["pix"]["emv"])
    assert pix.is_valid_emv(inv["pix"]["emv"])
    assert emv["point_of_initiation"] == "12" and emv["amount_cents"] == 123456
    assert emv["txid"] and emv["merchant_name"] and emv["merchant_city"]
    assert slip["url"] == f"http://testserver/sandbox/cora/boletos/{inv['id']}.pdf"

    from pypdf import PdfReader

    pdf = client.get(slip["url"])
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "R$ 1.234,56" in text and "15/03/2026" in text
    assert boleto.format_digitable_line(slip["digitable"]) in text and "EMPRESA SANDBOX" in text
    assert client.get("/sandbox/cora/boletos/inv_nope.pdf").status_code == 404


def test_payment_forms_choose_the_codes(client):
    auth = login(client)
    only_pix = create(client, auth, invoice_body(payment_forms=["PIX"])).json()
    assert "bank_slip" not in only_pix["payment_options"] and pix.is_valid_emv(only_pix["pix"]["emv"])
    only_slip = create(client, auth, invoice_body(payment_forms=["BANK_SLIP"])).json()
    assert "pix" not in only_slip and boleto.is_valid_barcode(only_slip["payment_options"]["bank_slip"]["barcode"])


def test_a_repeated_idempotency_key_returns_the_same_invoice(client, fake):
    a, b = login(client, "int-A"), login(client, "int-B")
    key = str(uuid.uuid4())
    first = create(client, a, key=key).json()
    again = create(client, a, invoice_body(code="outro", services=[{"name": "X", "amount": 999}]), key=key)
    assert again.status_code == 200 and again.json() == first
    assert create(client, a).json()["id"] != first["id"]
    assert create(client, b, key=key).json()["id"] != first["id"]  # keys are per account
    assert fake.invoice_counts() == {"int-A": 2, "int-B": 1}


def test_idempotency_key_and_content_type_rules(client, fake):
    auth = login(client)
    missing = client.post("/sandbox/cora/v2/invoices", json=invoice_body(), headers=auth)
    assert missing.status_code == 400 and missing.json()["errors"][0]["code"] == "IDEMPOTENCY_KEY_REQUIRED"
    bad = create(client, auth, key="pedido-42")
    assert bad.status_code == 400 and bad.json()["errors"][0]["code"] == "INVALID_IDEMPOTENCY_KEY"
    form = client.post("/sandbox/cora/v2/invoices", data={"code": "x"},
                       headers={**auth, "Idempotency-Key": str(uuid.uuid4())})
    assert form.status_code == 415
    assert fake.invoice_counts() == {"int-empresaA": 0}


@pytest.mark.parametrize(("changes", "code", "message"), [
    ({"services": [{"name": "Taxa", "amount": 499}]}, "INVALID_AMOUNT", "amount must be greater than or equal to 500"),
    ({"services": [{"name": "Taxa", "amount": 10.5}]}, "INVALID_AMOUNT", "positive integer"),
    ({"services": []}, "INVALID_SERVICES", "at least one"),
    ({"services": [{"name": "T", "description": "d" * 101, "amount": 900}]}, "INVALID_SERVICES", "100"),
    ({"payment_terms": {"due_date": (TODAY - timedelta(days=1)).isoformat()}}, "INVALID_DUE_DATE",
     "greater than or equal to today"),
    ({"payment_terms": {"due_date": "10/03/2026"}}, "INVALID_DUE_DATE", "YYYY-MM-DD"),
    ({"customer": {"name": "M" * 61, "document": {"identity": "12345678909", "type": "CPF"}}},
     "INVALID_CUSTOMER", "60"),
    ({"customer": {"name": "Ana", "document": {"identity": "1234567890", "type": "CPF"}}}, "INVALID_DOCUMENT", "11"),
    ({"customer": {"name": "Ana", "document": {"identity": "12345678909", "type": "CNPJ"}}}, "INVALID_DOCUMENT",
     "14"),
    ({"payment_forms": ["CARD"]}, "INVALID_PAYMENT_FORMS", "BANK_SLIP"),
    ({"payment_forms": []}, "INVALID_PAYMENT_FORMS", "non-empty"),
    ({"code": 42}, "INVALID_CODE", "string"),
])
def test_bodies_cora_refuses(client, fake, changes, code, message):
    auth = login(client)
    resp = create(client, auth, invoice_body(**changes))
    assert resp.status_code == 400
    errors = resp.json()["errors"]
    assert any(e["code"] == code and message in e["message"] for e in errors), errors
    assert fake.invoice_counts() == {"int-empresaA": 0}


def test_due_today_and_the_minimum_are_accepted(client):
    auth = login(client)
    resp = create(client, auth, invoice_body(services=[{"name": "Taxa", "amount": 500}],
                                             payment_terms={"due_date": TODAY.isoformat()},
                                             customer={"name": "ACME", "document": {"identity": "11222333000181",
                                                                                    "type": "CNPJ"}}))
    assert resp.status_code == 200 and resp.json()["total_amount"] == 500


def test_another_account_cannot_touch_the_invoice(client):
    a, b = login(client, "int-A"), login(client, "int-B")
    inv = create(client, a).json()
    for resp in (client.get(f"/sandbox/cora/v2/invoices/{inv['id']}", headers=b),
                 client.delete(f"/sandbox/cora/v2/invoices/{inv['id']}", headers=b),
                 client.post("/sandbox/cora/v2/invoices/pay", json={"id": inv["id"]}, headers=b)):
        assert resp.status_code == 404 and resp.json()["errors"][0]["code"] == "NOT_FOUND"
    assert client.get("/sandbox/cora/v2/invoices", headers=b).json() == {"totalItems": 0, "items": []}
    assert client.get(f"/sandbox/cora/v2/invoices/{inv['id']}", headers=a).json()["status"] == "OPEN"


def test_an_open_invoice_past_its_due_date_reads_late(client, fake):
    auth = login(client)
    inv = create(client, auth, invoice_body(payment_terms={"due_date": TODAY.isoformat()})).json()
    assert inv["status"] == "OPEN"
    fake.days["today"] = TODAY + timedelta(days=1)
    assert client.get(f"/sandbox/cora/v2/invoices/{inv['id']}", headers=auth).json()["status"] == "LATE"
    listed = client.get("/sandbox/cora/v2/invoices", params={"state": "LATE"}, headers=auth).json()
    assert [i["id"] for i in listed["items"]] == [inv["id"]]
    assert client.get("/sandbox/cora/v2/invoices", params={"state": "OPEN"}, headers=auth).json()["totalItems"] == 0
    paid = client.post("/sandbox/cora/v2/invoices/pay", json={"id": inv["id"]}, headers=auth).json()
    assert paid["status"] == "PAID"  # a paid invoice is never LATE


def test_paying_delivers_the_webhook_once_and_redelivery_repeats_the_event(client, fake):
    a, b = login(client, "int-A"), login(client, "int-B")
    assert endpoint(client, a).status_code == 201
    assert endpoint(client, a, trigger="canceled", url=HOOK + "/c").status_code == 201
    assert endpoint(client, b, url="http://127.0.0.1:1/other").status_code == 201
    inv = create(client, a).json()
    resp = client.post("/sandbox/cora/v2/invoices/pay", json={"id": inv["id"]}, headers=a)
    assert resp.status_code == 200
    paid = resp.json()
    assert paid["status"] == "PAID" and paid["total_paid"] == paid["total_amount"] == 123456
    (payment,) = paid["payments"]
    assert payment["id"].startswith("pay_") and payment["amount"] == 123456 and payment["method"] == "PIX"
    assert payment["paid_at"] and payment["date"] == payment["paid_at"]
    (post,) = fake.posts
    headers = post["headers"]
    assert post["url"] == HOOK
    assert headers["user-agent"] == "Cora-Webhook" and headers["webhook-event-type"] == "invoice.paid"
    assert headers["webhook-resource-id"] == inv["id"] and headers["webhook-event-id"].startswith("evt_")
    again = client.post("/sandbox/cora/v2/invoices/pay", json={"id": inv["id"]}, headers=a)
    assert again.status_code == 400 and again.json()["errors"][0]["code"] == "INVOICE_ALREADY_PAID"
    assert len(fake.posts) == 1

    redo = client.post("/sandbox/cora/sandbox/redeliver", json={"id": inv["id"]})
    assert redo.status_code == 200 and redo.json()["event_id"] == headers["webhook-event-id"]
    assert len(fake.posts) == 2 and fake.posts[1]["headers"] == headers
    log = client.get("/sandbox/cora/sandbox/deliveries").json()["items"]
    assert [(d["event_id"], d["invoice_id"], d["status"], d["redelivery"]) for d in log] == [
        (headers["webhook-event-id"], inv["id"], 200, True), (headers["webhook-event-id"], inv["id"], 200, False)]
    assert client.post("/sandbox/cora/sandbox/redeliver", json={"id": "inv_nope"}).status_code == 404


def test_an_unreachable_receiver_is_logged(client, fake):
    def refuse(url, headers):
        raise ConnectionError("refused")

    fake.poster = refuse
    auth = login(client)
    endpoint(client, auth)
    inv = create(client, auth).json()
    assert client.post("/sandbox/cora/v2/invoices/pay", json={"id": inv["id"]}, headers=auth).status_code == 200
    (entry,) = fake.deliveries
    assert entry["status"] is None and "refused" in entry["error"] and entry["url"] == HOOK


def test_the_default_spawn_posts_from_a_background_thread():
    seen, done = [], threading.Event()

    def poster(url, headers):
        seen.append(threading.current_thread())
        done.set()
        return 204

    f = cora.FakeCora(poster=poster, today=lambda: TODAY)
    app = FastAPI()
    app.include_router(cora.router(f))
    client = TestClient(app)
    auth = login(client)
    endpoint(client, auth)
    inv = create(client, auth).json()
    client.post("/sandbox/cora/v2/invoices/pay", json={"id": inv["id"]}, headers=auth)
    assert done.wait(5)
    assert seen[0].daemon and seen[0].name == "cora-webhooks"


def test_cancel_rules(client, fake):
    auth = login(client)
    inv = create(client, auth).json()
    path = f"/sandbox/cora/v2/invoices/{inv['id']}"
    assert client.delete(path, headers=auth).status_code == 204
    assert client.get(path, headers=auth).json()["status"] == "CANCELLED"
    assert client.delete(path, headers=auth).status_code == 204  # again: still cancelled
    pay = client.post("/sandbox/cora/v2/invoices/pay", json={"id": inv["id"]}, headers=auth)
    assert pay.status_code == 400 and pay.json()["errors"][0]["code"] == "INVOICE_CANCELLED"
    other = create(client, auth).json()
    client.post("/sandbox/cora/v2/invoices/pay", json={"id": other["id"]}, headers=auth)
    refused = client.delete(f"/sandbox/cora/v2/invoices/{other['id']}", headers=auth)
    assert refused.status_code == 400 and refused.json()["errors"][0]["code"] == "INVOICE_ALREADY_PAID"
    assert client.get(f"/sandbox/cora/v2/invoices/{other['id']}", headers=auth).json()["status"] == "PAID"
    assert client.delete("/sandbox/cora/v2/invoices/inv_nope", headers=auth).status_code == 404


def test_endpoints_register_dedupe_list_and_delete(client):
    auth, other = login(client, "int-A"), login(client, "int-B")
    no_key = client.post("/sandbox/cora/endpoints/", json={"url": HOOK, "resource": "invoice", "trigger": "paid"},
                         headers=auth)
    assert no_key.status_code == 400
    assert endpoint(client, auth, key="not-a-uuid").status_code == 400
    assert endpoint(client, auth, url="ftp://x").json()["errors"][0]["code"] == "INVALID_URL"
    created = endpoint(client, auth)
    assert created.status_code == 201
    first = created.json()
    assert first["id"].startswith("end_") and (first["url"], first["resource"], first["trigger"]) == (
        HOOK, "invoice", "paid")
    same = endpoint(client, auth)  # same (url, resource, trigger), another key
    assert same.status_code == 200 and same.json() == first
    no_slash = client.post("/sandbox/cora/endpoints", json={"url": HOOK, "resource": "invoice", "trigger": "paid"},
                           headers={**auth, "Idempotency-Key": str(uuid.uuid4())})
    assert no_slash.status_code == 200 and no_slash.json()["id"] == first["id"]
    assert client.get("/sandbox/cora/endpoints/", headers=auth).json() == [first]
    assert client.get("/sandbox/cora/endpoints/", headers=other).json() == []
    assert client.delete(f"/sandbox/cora/endpoints/{first['id']}", headers=other).status_code == 404
    assert client.delete(f"/sandbox/cora/endpoints/{first['id']}", headers=auth).status_code == 204
    assert client.get("/sandbox/cora/endpoints", headers=auth).json() == []
    assert client.delete(f"/sandbox/cora/endpoints/{first['id']}", headers=auth).status_code == 404


def test_scripted_answers_come_first_then_normal_handling(client, fake):
    auth = login(client)
    fake.script(500, {"errors": [{"code": "INTERNAL_ERROR", "message": "Internal server error"}]})
    fake.script(503)
    key = str(uuid.uuid4())
    first = create(client, auth, key=key)
    assert first.status_code == 500 and first.json()["errors"][0]["code"] == "INTERNAL_ERROR"
    second = create(client, auth, key=key)
    assert second.status_code == 503 and second.content == b""
    third = create(client, auth, key=key)
    assert third.status_code == 200 and third.json()["status"] == "OPEN"
    assert create(client, auth, key=key).json()["id"] == third.json()["id"]
    assert fake.invoice_counts() == {"int-empresaA": 1}


def test_reset_forgets_everything(client, fake):
    auth = login(client)
    create(client, auth)
    fake.script(500, {})
    fake.reset()
    assert fake.invoice_counts() == {} and not fake.scripted and not fake.tokens
    assert client.get("/sandbox/cora/v2/invoices", headers=auth).status_code == 401


def test_listing_filters_by_due_date_state_and_search_and_pages(client):
    auth = login(client)
    ids = []
    for days, name in ((1, "Ana Souza"), (10, "Bruno Lima"), (20, "Carla Dias")):
        body = invoice_body(customer={"name": name, "document": {"identity": "12345678909", "type": "CPF"}},
                            payment_terms={"due_date": (TODAY + timedelta(days=days)).isoformat()})
        ids.append(create(client, auth, body).json()["id"])

    def listing(**params):
        return client.get("/sandbox/cora/v2/invoices", params=params, headers=auth).json()

    window = listing(start=(TODAY + timedelta(days=5)).isoformat(), end=(TODAY + timedelta(days=20)).isoformat())
    assert window["totalItems"] == 2 and {i["id"] for i in window["items"]} == set(ids[1:])
    assert [i["id"] for i in listing(search="bruno")["items"]] == [ids[1]]
    assert [i["id"] for i in listing(search=ids[2])["items"]] == [ids[2]]
    page1, page2 = listing(page=1, perPage=2), listing(page=2, perPage=2)
    assert page1["totalItems"] == page2["totalItems"] == 3
    assert len(page1["items"]) == 2 and len(page2["items"]) == 1
    assert {i["id"] for i in page1["items"] + page2["items"]} == set(ids)
    assert listing(page=0, perPage=2)["items"] == page1["items"]
    bad = client.get("/sandbox/cora/v2/invoices", params={"start": "ontem"}, headers=auth)
    assert bad.status_code == 400 and bad.json()["errors"][0]["code"] == "INVALID_DATE"
