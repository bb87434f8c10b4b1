"""Documentos: drafts built from the catalog, numbered per company and kind without gaps, the company's
templates (sandboxed), previews and download links. Generation itself: tests/workflows."""

from __future__ import annotations

import threading
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest

from shared import clock
from tests.support.http import auth_headers


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


@pytest.fixture
def seller(api, world):
    return auth_headers(api, world.a.emails["vendedor"])


def catalog_item(api, headers, name, price_cents):
    resp = api.post("/api/catalog", headers=headers, json={"name": name, "kind": "servico",
                                                           "price_cents": price_cents, "recurrence": "unica"})
    assert resp.status_code == 201, resp.text
    return resp.json()


def new_client(api, headers, **extra):
    body = {"type": "pf", "first_name": "Helena", "last_name": "Prado", "document": "529.982.247-25",
            "email": "helena@exemplo.com.br", "whatsapp": "(11) 98765-4321", **extra}
    resp = api.post("/api/clients", headers=headers, json=body)
    assert resp.status_code == 201, resp.text
    return resp.json()


def create(api, headers, **body):
    resp = api.post("/api/documents", headers=headers, json=body)
    assert resp.status_code == 201, resp.text
    return resp.json()


def test_a_proposal_from_the_catalog_and_a_free_line(api, world, admin, seller):
    site = catalog_item(api, admin, "Site institucional", 350_000)
    seo = catalog_item(api, admin, "SEO mensal", 80_000)
    c = new_client(api, seller)
    valid = (clock.to_local(clock.now()) + timedelta(days=15)).date().isoformat()
    doc = create(api, seller, kind="proposta", client_id=c["id"], valid_until=valid, items=[
        {"catalog_id": site["id"]},
        {"catalog_id": seo["id"], "quantity": 3, "discount_cents": 20_000},
        {"description": "Fotos de produtos", "quantity": "1.5", "unit_price_cents": 10_000}])
    year = clock.to_local(clock.now()).year
    assert doc["number"] == f"PROP-{year}-0001" and doc["status"] == "rascunho"
    assert doc["card_id"] == c["card_id"] and doc["client_name"] == "Helena Prado"
    assert [i["description"] for i in doc["items"]] == ["Site institucional", "SEO mensal", "Fotos de produtos"]
    assert doc["subtotal_cents"] == 350_000 + 240_000 + 15_000
    assert doc["discount_cents"] == 20_000 and doc["total_cents"] == 350_000 + 220_000 + 15_000
    listed = api.get("/api/documents", headers=seller, params={"client_id": c["id"]}).json()["items"]
    assert [d["id"] for d in listed] == [doc["id"]]
    assert api.get("/api/documents", headers=seller, params={"kind": "contrato"}).json()["items"] == []
    other = create(api, seller, kind="contrato", client_id=c["id"], items=[{"catalog_id": site["id"]}])
    assert other["number"] == f"CONT-{year}-0001"


@pytest.mark.parametrize(("items", "field"), [
    ([], "items"),
    ([{"description": "X", "unit_price_cents": 100, "quantity": -1}], "items.0.quantity"),
    ([{"description": "X", "unit_price_cents": 100, "discount_cents": 101}], "items.0.discount_cents"),
    ([{"description": "X"}], "items.0.unit_price_cents"),
    ([{"catalog_id": "01ARZ3NDEKTSV4RRFFQ69G5FAV"}], "items.0.catalog_id"),
])
def test_bad_items_are_422_naming_the_field(api, world, seller, items, field):
    c = new_client(api, seller)
    resp = api.post("/api/documents", headers=seller, json={"kind": "proposta", "client_id": c["id"],
                                                            "items": items})
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == field
    assert api.get("/api/documents", headers=seller).json()["items"] == []  # nothing half-written


def test_installments_must_add_up_to_the_total(api, world, seller):
    c = new_client(api, seller)
    body = {"kind": "contrato", "client_id": c["id"], "items": [{"description": "Consultoria",
                                                                 "unit_price_cents": 30_000}]}
    bad = api.post("/api/documents", headers=seller, json={**body, "installments": [
        {"due_date": "2027-01-10", "amount_cents": 10_000}, {"due_date": "2027-02-10", "amount_cents": 10_000}]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "installments"
    assert "R$ 300,00" in bad.json()["detail"]
    good = create(api, seller, **body, installments=[{"due_date": "2027-01-10", "amount_cents": 15_000},
                                                     {"due_date": "2027-02-10", "amount_cents": 15_000}])
    assert [p["number"] for p in good["installments"]] == [1, 2]


def test_numbers_have_no_gaps_or_repeats_under_concurrency(api, world, seller, atomic_requests):
    c = new_client(api, seller)
    body = {"kind": "recibo", "client_id": c["id"], "items": [{"description": "Mensalidade",
                                                               "unit_price_cents": 9_900}]}
    numbers, errors = [], []

    def one():
        resp = api.post("/api/documents", headers=seller, json=body)
        (numbers if resp.status_code == 201 else errors).append(resp.json().get("number") or resp.text)

    threads = [threading.Thread(target=one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    year = clock.to_local(clock.now()).year
    assert errors == []
    assert sorted(numbers) == [f"REC-{year}-{n:04d}" for n in range(1, 9)]


def test_templates_are_validated_sandboxed_and_resettable(api, world, admin, seller):
    overview = api.get("/api/documents/templates", headers=admin).json()
    assert {t["kind"] for t in overview["items"]} == {"proposta", "contrato", "pedido", "recibo"}
    assert all(t["is_default"] for t in overview["items"])
    assert any(p["placeholder"] == "cliente.nome" for p in overview["placeholders"])
    broken = api.put("/api/documents/templates/proposta", headers=admin,
                     json={"body": "<p>Olá</p>\n<p>{{ cliente.nome </p>"})
    assert broken.status_code == 422 and "linha 2" in broken.json()["detail"]
    escape = api.put("/api/documents/templates/proposta", headers=admin,
                     json={"body": "<p>{{ cliente.__class__.__mro__ }}</p>"})
    assert escape.status_code == 422
    assert api.get("/api/documents/templates", headers=admin).json()["items"][0]["is_default"] is True
    saved = api.put("/api/documents/templates/proposta", headers=admin,
                    json={"body": "<h1>Proposta {{ documento.numero }}</h1><p>Para {{ cliente.nome }}</p>"})
    assert saved.status_code == 200 and saved.json()["is_default"] is False
    preview = api.post("/api/documents/templates/proposta/preview", headers=admin,
                       json={"body": saved.json()["body"]})
    assert preview.status_code == 200 and preview.content.startswith(b"%PDF")
    assert api.put("/api/documents/templates/proposta", headers=seller, json={"body": "x"}).status_code == 403
    reset = api.delete("/api/documents/templates/proposta", headers=admin)
    assert reset.json()["is_default"] is True and "{{" in reset.json()["body"]


def test_preview_and_download_need_the_document_and_a_generated_pdf(api, world, seller):
    c = new_client(api, seller)
    doc = create(api, seller, kind="pedido", client_id=c["id"],
                 items=[{"description": "Camisetas", "quantity": 10, "unit_price_cents": 4_500}])
    preview = api.get(f"/api/documents/{doc['id']}/preview", headers=seller)
    assert preview.status_code == 200 and preview.headers["content-type"] == "application/pdf"
    assert api.get(f"/api/documents/{doc['id']}/download", headers=seller).status_code == 409


def test_another_company_or_another_sellers_client_is_404(api, world, seller, admin):
    c = new_client(api, admin, owner_id=None)
    doc = create(api, admin, kind="proposta", client_id=c["id"],
                 items=[{"description": "Item", "unit_price_cents": 100}])
    other = auth_headers(api, world.b.emails["administrador"])
    for path in (f"/api/documents/{doc['id']}", f"/api/documents/{doc['id']}/download",
                 f"/api/documents/{doc['id']}/preview"):
        assert api.get(path, headers=other).status_code == 404
    assert api.post(f"/api/documents/{doc['id']}/generate", headers=other).status_code == 404
    assert api.get("/api/documents", headers=other).json()["items"] == []
    assert api.get(f"/api/documents/{doc['id']}", headers=seller).status_code == 404  # not the seller's client


def test_download_links_are_short_lived_and_signed(api, world, seller):
    from shared.documents import storage

    link = storage.download_link(storage.object_key(world.a.tenant_id, "01ARZ3NDEKTSV4RRFFQ69G5FAV", "pdf"), "x.pdf")
    query = parse_qs(urlparse(link.url).query)
    assert query["X-Amz-Expires"] == ["300"] and query["X-Amz-Signature"][0]
    assert f"tenants/{world.a.tenant_id}/documents/" in urlparse(link.url).path
    assert link.expires_in == 300
