"""Catálogo: the plans, products and services a company sells, searched and priced the same for everyone."""

from __future__ import annotations

import threading

import pytest

from tests.support.http import auth_headers


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


@pytest.fixture
def finance(api, world):
    return auth_headers(api, world.a.emails["financeiro"])


@pytest.fixture
def seller(api, world):
    return auth_headers(api, world.a.emails["vendedor"])


def item(**extra):
    return {"name": "Plano Essencial", "kind": "plano", "price_cents": 49_000, "recurrence": "mensal", **extra}


def create(api, headers, **extra):
    resp = api.post("/api/catalog", headers=headers, json=item(**extra))
    assert resp.status_code == 201, resp.text
    return resp.json()


def names(api, headers, **params):
    resp = api.get("/api/catalog", headers=headers, params=params)
    assert resp.status_code == 200, resp.text
    return [i["name"] for i in resp.json()["items"]]


def test_create_read_edit_and_list_by_name(api, world, finance, seller):
    plan = create(api, finance, description="12 publicações por mês", sku="PLN-ESS")
    assert plan["kind_label"] == "Plano" and plan["recurrence_label"] == "Mensal"
    assert plan["price_display"] == "R$ 490,00" and plan["active"] is True and plan["sku"] == "PLN-ESS"
    assert api.get(f"/api/catalog/{plan['id']}", headers=seller).json() == plan  # sellers read the catalog
    edited = api.patch(f"/api/catalog/{plan['id']}", headers=finance,
                       json={"price_cents": 52_000, "description": None, "name": "  Plano   Essencial Plus "})
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert body["price_cents"] == 52_000 and body["description"] is None and body["name"] == "Plano Essencial Plus"
    assert body["sku"] == "PLN-ESS" and body["kind"] == "plano"  # untouched fields stay
    create(api, finance, name="Criação de site", kind="servico", price_cents=350_000, recurrence="unica")
    create(api, finance, name="Álbum de fotos", kind="produto", price_cents=0)
    assert names(api, seller) == ["Álbum de fotos", "Criação de site", "Plano Essencial Plus"]
    assert names(api, seller, kind="servico") == ["Criação de site"]


def test_pages_follow_the_cursor(api, world, admin):
    for n in range(5):
        create(api, admin, name=f"Serviço {n}", kind="servico")
    first = api.get("/api/catalog", headers=admin, params={"limit": 2}).json()
    assert [i["name"] for i in first["items"]] == ["Serviço 0", "Serviço 1"] and first["next_cursor"]
    seen = [i["name"] for i in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = api.get("/api/catalog", headers=admin, params={"limit": 2, "cursor": cursor}).json()
        seen += [i["name"] for i in page["items"]]
        cursor = page["next_cursor"]
    assert seen == [f"Serviço {n}" for n in range(5)]
    other = auth_headers(api, world.b.emails["administrador"])
    resp = api.get("/api/catalog", headers=other, params={"cursor": first["next_cursor"]})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "cursor"


def test_search_ignores_accents_and_case_and_matches_words_and_sku(api, world, admin):
    create(api, admin, name="Gestão de Tráfego Pago", kind="servico", sku="SRV-TRAF-01")
    create(api, admin, name="Plano Presença Digital", sku="PLN-PRES")
    create(api, admin, name="Papelaria personalizada", kind="produto")
    assert names(api, admin, q="gestao") == ["Gestão de Tráfego Pago"]
    assert names(api, admin, q="TRAFEGO") == ["Gestão de Tráfego Pago"]
    assert names(api, admin, q="traf pa") == ["Gestão de Tráfego Pago"]  # every word, any order of words
    assert names(api, admin, q="srv-traf") == ["Gestão de Tráfego Pago"]  # the SKU, punctuation ignored
    assert names(api, admin, q="srvtraf01") == ["Gestão de Tráfego Pago"]
    assert sorted(names(api, admin, q="p")) == ["Gestão de Tráfego Pago", "Papelaria personalizada",
                                                "Plano Presença Digital"]  # once each, whatever words match
    assert names(api, admin, q="pres", kind="produto") == []
    assert names(api, admin, q="presenca", kind="plano") == ["Plano Presença Digital"]
    assert names(api, admin, q="xyz") == [] and names(api, admin, q="!!!") == []


def test_search_pages_count_each_item_once(api, world, admin):
    for n in range(5):
        create(api, admin, name=f"Pacote Promocional Premium {n}", kind="produto")
    seen, cursor = [], None
    while True:
        page = api.get("/api/catalog", headers=admin, params={"q": "p", "limit": 2, "cursor": cursor}).json()
        assert len(page["items"]) <= 2
        seen += [i["name"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == [f"Pacote Promocional Premium {n}" for n in range(5)]


def test_search_follows_renames(api, world, admin):
    old = create(api, admin, name="Consultoria Inicial", kind="servico")
    api.patch(f"/api/catalog/{old['id']}", headers=admin, json={"name": "Mentoria Inicial"})
    assert names(api, admin, q="consult") == []
    assert names(api, admin, q="mentoria") == ["Mentoria Inicial"]


def test_archived_items_leave_the_list_but_stay_readable(api, world, admin, seller):
    old = create(api, admin, name="Plano Antigo", sku="PLN-OLD")
    create(api, admin, name="Plano Novo")
    archived = api.post(f"/api/catalog/{old['id']}/archive", headers=admin)
    assert archived.status_code == 200 and archived.json()["active"] is False
    assert names(api, seller) == ["Plano Novo"]
    assert names(api, seller, q="plano") == ["Plano Novo"]
    assert names(api, seller, active=False) == ["Plano Antigo"]
    assert names(api, seller, active=False, q="antigo") == ["Plano Antigo"]
    assert names(api, seller, active=False, kind="plano") == ["Plano Antigo"]
    assert api.get(f"/api/catalog/{old['id']}", headers=seller).json()["name"] == "Plano Antigo"  # old documents
    # an archived item keeps its SKU
    taken = api.post("/api/catalog", headers=admin, json=item(name="Outro", sku="pln-old"))
    assert taken.status_code == 409 and "(arquivado)" in taken.json()["detail"]
    back = api.post(f"/api/catalog/{old['id']}/unarchive", headers=admin)
    assert back.json()["active"] is True
    assert names(api, seller) == ["Plano Antigo", "Plano Novo"]
    assert api.post(f"/api/catalog/{old['id']}/unarchive", headers=admin).status_code == 200  # idempotent


@pytest.mark.parametrize(("body", "field"), [
    (item(price_cents=-1), "price_cents"),
    (item(price_cents=10.5), "price_cents"),
    (item(price_cents="100"), "price_cents"),
    (item(price_cents=True), "price_cents"),
    (item(kind="assinatura"), "kind"),
    (item(recurrence="semanal"), "recurrence"),
    (item(name="   "), "name"),
    (item(name="x" * 121), "name"),
    (item(sku="COM ESPAÇO"), "sku"),
    (item(active="talvez"), "active"),
    (item(description="x" * 2001), "description"),
    (item(tenant_id="01ARZ3NDEKTSV4RRFFQ69G5FAV"), "tenant_id"),
    ({"name": "Sem tipo", "price_cents": 1}, "kind"),
])
def test_bad_input_is_422_naming_the_field(api, world, admin, body, field):
    resp = api.post("/api/catalog", headers=admin, json=body)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == field
    assert resp.json()["detail"]


@pytest.mark.parametrize(("patch", "field"), [
    ({"price_cents": -5}, "price_cents"),
    ({"name": None}, "name"),
    ({"kind": None}, "kind"),
    ({"kind": "brinde"}, "kind"),
    ({"sku": "a b"}, "sku"),
])
def test_bad_edits_are_422_and_change_nothing(api, world, admin, patch, field):
    plan = create(api, admin)
    resp = api.patch(f"/api/catalog/{plan['id']}", headers=admin, json=patch)
    assert resp.status_code == 422, resp.text
    assert resp.json()["errors"][0]["field"] == field
    assert api.get(f"/api/catalog/{plan['id']}", headers=admin).json() == plan


def test_sku_is_unique_per_company_whatever_the_case(api, world, admin):
    first = create(api, admin, name="Plano Ouro", sku="PLN-001")
    resp = api.post("/api/catalog", headers=admin, json=item(name="Plano Prata", sku="pln-001"))
    assert resp.status_code == 409
    body = resp.json()
    assert "Plano Ouro" in body["detail"] and body["existing_item_id"] == first["id"]
    assert body["errors"][0]["field"] == "sku"
    second = create(api, admin, name="Plano Prata", sku="PLN-002")
    assert api.patch(f"/api/catalog/{second['id']}", headers=admin, json={"sku": "PLN-001"}).status_code == 409
    # changing or clearing a SKU frees it
    assert api.patch(f"/api/catalog/{first['id']}", headers=admin, json={"sku": "PLN-100"}).status_code == 200
    assert api.patch(f"/api/catalog/{second['id']}", headers=admin, json={"sku": "PLN-001"}).status_code == 200
    assert api.patch(f"/api/catalog/{second['id']}", headers=admin, json={"sku": None}).status_code == 200
    assert create(api, admin, name="Plano Bronze", sku="PLN-001")["sku"] == "PLN-001"
    # re-saving its own SKU (another case) is not a conflict
    assert api.patch(f"/api/catalog/{first['id']}", headers=admin, json={"sku": "pln-100"}).status_code == 200
    # another company may use the same SKU
    other = auth_headers(api, world.b.emails["administrador"])
    assert api.post("/api/catalog", headers=other, json=item(sku="PLN-001")).status_code == 201


def test_simultaneous_creates_with_the_same_sku_only_one_passes(api, world, admin, atomic_requests):
    results = []

    def post(n):
        results.append(api.post("/api/catalog", headers=admin, json=item(name=f"Plano {n}", sku="PLN-X")).status_code)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201] + [409] * 4
    assert len(api.get("/api/catalog", headers=admin, params={"q": "pln-x"}).json()["items"]) == 1


def test_simultaneous_edits_to_the_same_sku_only_one_passes(api, world, admin, atomic_requests):
    ids = [create(api, admin, name=f"Serviço {n}", kind="servico")["id"] for n in range(4)]
    results = []

    def patch(item_id):
        results.append(api.patch(f"/api/catalog/{item_id}", headers=admin, json={"sku": "SRV-UNICO"}).status_code)

    threads = [threading.Thread(target=patch, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200] + [409] * 3


@pytest.mark.parametrize("role", ["atendente", "suporte"])
def test_attendants_and_support_neither_read_nor_write(api, world, admin, role):
    plan = create(api, admin)
    headers = auth_headers(api, world.a.emails[role])
    assert api.get("/api/catalog", headers=headers).status_code == 403
    assert api.get(f"/api/catalog/{plan['id']}", headers=headers).status_code == 403
    resp = api.post("/api/catalog", headers=headers, json=item(name="Intruso"))
    assert resp.status_code == 403 and "permissão" in resp.json()["detail"]
    assert api.patch(f"/api/catalog/{plan['id']}", headers=headers, json={"price_cents": 1}).status_code == 403
    assert api.post(f"/api/catalog/{plan['id']}/archive", headers=headers).status_code == 403


def test_sellers_read_but_do_not_write(api, world, admin, seller):
    plan = create(api, admin)
    assert api.get("/api/catalog", headers=seller).status_code == 200
    assert api.post("/api/catalog", headers=seller, json=item(name="Do vendedor")).status_code == 403
    assert api.patch(f"/api/catalog/{plan['id']}", headers=seller, json={"price_cents": 1}).status_code == 403
    assert api.post(f"/api/catalog/{plan['id']}/archive", headers=seller).status_code == 403
    manager = auth_headers(api, world.a.emails["gerente"])
    assert api.patch(f"/api/catalog/{plan['id']}", headers=manager, json={"price_cents": 1}).status_code == 200


def test_another_companys_item_is_404_and_unknown_ids_too(api, world, admin):
    plan = create(api, admin, sku="PLN-A")
    other = auth_headers(api, world.b.emails["administrador"])
    assert api.get(f"/api/catalog/{plan['id']}", headers=other).status_code == 404
    assert api.patch(f"/api/catalog/{plan['id']}", headers=other, json={"price_cents": 1}).status_code == 404
    assert api.post(f"/api/catalog/{plan['id']}/archive", headers=other).status_code == 404
    assert api.get("/api/catalog", headers=other).json()["items"] == []
    assert api.get("/api/catalog", headers=other, params={"q": "plano"}).json()["items"] == []
    resp = api.get("/api/catalog/nao-existe", headers=admin)
    assert resp.status_code == 404 and resp.json()["detail"] == "Item do catálogo não encontrado."
    assert api.get(f"/api/catalog/{plan['id']}", headers=admin).json()["price_cents"] == 49_000


def test_module_off_is_403_in_portuguese(api, world, admin):
    from shared import keys
    from shared.db.table import Table

    Table().update(keys.tenant(world.a.tenant_id), "SET module_overrides = :m", values={":m": {"financeiro": False}})
    resp = api.get("/api/catalog", headers=admin)
    assert resp.status_code == 403 and resp.json()["detail"].startswith("Financeiro: módulo não contratado")


def test_domain_lookups_for_documents_and_the_demo_seed(api, world, admin):
    from shared.catalog import service

    plan = create(api, admin)
    api.post(f"/api/catalog/{plan['id']}/archive", headers=admin)
    found = service.get_item(world.a.tenant_id, plan["id"])
    assert found is not None and found.active is False and found.price_cents == 49_000
    assert service.get_item(world.b.tenant_id, plan["id"]) is None
    assert service.get_item(world.a.tenant_id, "x") is None
    assert set(service.get_items(world.a.tenant_id, [plan["id"], "x", plan["id"]])) == {plan["id"]}
    ids = service.seed_demo(world.a.tenant_id)
    assert service.seed_demo(world.a.tenant_id) == ids  # idempotent
    listed = api.get("/api/catalog", headers=admin, params={"limit": 100}).json()["items"]
    assert len(listed) == len([i for i in service.DEMO_ITEMS if i.get("active", True)])  # ours is archived
    assert names(api, admin, q="site") == ["Criação de Site Institucional"]
