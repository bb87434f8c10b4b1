"""Dashboard: figures of a period equal what happened, per company and per seller."""

from __future__ import annotations

from datetime import timedelta

from shared import clock
from tests.support.http import auth_headers


def create(api, headers, name, origin="site", campaign=None, value=None, **extra):
    body = {"type": "pf", "first_name": name, "origin": origin, "campaign": campaign, **extra}
    if value:
        body["values"] = {"opportunity_value_cents": value}
    return api.post("/api/clients", headers=headers, json=body).json()


def move(api, headers, client, stage, **extra):
    resp = api.post(f"/api/funnel/cards/{client['card_id']}/move", headers=headers, json={"stage": stage, **extra})
    assert resp.status_code == 200, resp.text


def test_dashboard_figures_match_what_happened(api, world):
    admin = auth_headers(api, world.a.emails["administrador"])
    seller = auth_headers(api, world.a.emails["vendedor"])
    a = create(api, seller, "A", "site", "Verão", 100000)
    b = create(api, seller, "B", "whatsapp", "Verão", 50000)
    c = create(api, admin, "C", "indicacao", None, 70000, owner_id=world.a.user_ids["gerente"])
    d = create(api, admin, "D", "site", "Inverno", None, owner_id=world.a.user_ids["gerente"])
    move(api, seller, a, "contato_com_resposta")
    move(api, seller, a, "proposta_enviada")
    move(api, seller, a, "negociacao")
    move(api, seller, a, "fechado")
    move(api, seller, a, "negociacao")  # back and forth counts each milestone once
    move(api, seller, a, "fechado")
    move(api, admin, c, "proposta_enviada")  # skipping "replied" still implies it
    move(api, seller, b, "perdido", loss_reason="Preço")
    move(api, admin, d, "nao_lead")

    dash = api.get("/api/dashboard", headers=admin).json()
    assert dash["leads"] == 4
    assert dash["replied"] == 2 and dash["proposals"] == 2 and dash["closed"] == 1
    assert dash["activated"] == 0 and dash["lost"] == 1
    assert dash["value_closed_cents"] == 100000
    assert dash["value_in_negotiation_cents"] == 70000  # C sits in Proposta enviada
    assert {o["key"]: o["count"] for o in dash["by_origin"]} == {"site": 2, "whatsapp": 1, "indicacao": 1}
    assert {o["key"]: o["label"] for o in dash["by_origin"]}["indicacao"] == "Indicação"
    assert {c["key"]: c["count"] for c in dash["by_campaign"]} == {"Verão": 2, "Inverno": 1}
    today = clock.to_local(clock.now()).date().isoformat()
    assert [d for d in dash["daily"] if d["date"] == today] == [
        {"date": today, "leads": 4, "closed": 1, "value_closed_cents": 100000}]
    assert len(dash["daily"]) == 30
    board = {b["stage"]: b for b in dash["board"]}
    assert board["fechado"]["count"] == 1 and board["perdido"]["count"] == 1 and board["nao_lead"]["count"] == 1

    mine = api.get("/api/dashboard", headers=seller).json()
    assert mine["owner_id"] == world.a.user_ids["vendedor"]
    assert mine["leads"] == 2 and mine["closed"] == 1 and mine["lost"] == 1 and mine["proposals"] == 1
    assert mine["value_in_negotiation_cents"] == 0
    assert {o["key"] for o in mine["by_origin"]} == {"site", "whatsapp"}
    # a seller cannot look at somebody else's figures
    other = api.get("/api/dashboard", headers=seller, params={"owner_id": world.a.user_ids["gerente"]}).json()
    assert other["owner_id"] == world.a.user_ids["vendedor"]
    manager_only = api.get("/api/dashboard", headers=admin, params={"owner_id": world.a.user_ids["gerente"]}).json()
    assert manager_only["leads"] == 2 and manager_only["proposals"] == 1

    company_b = api.get("/api/dashboard", headers=auth_headers(api, world.b.emails["administrador"])).json()
    assert company_b["leads"] == 0 and company_b["by_origin"] == []


def test_period_selection_and_bad_periods(api, world, monkeypatch):
    admin = auth_headers(api, world.a.emails["administrador"])
    create(api, admin, "Hoje")
    later = clock.now() + timedelta(days=40)
    monkeypatch.setattr(clock, "now", lambda: later)
    create(api, admin, "Depois")
    dash = api.get("/api/dashboard", headers=admin).json()
    assert dash["leads"] == 1  # the default 30 days exclude the first one
    start = (later - timedelta(days=45)).date().isoformat()
    assert api.get("/api/dashboard", headers=admin, params={"date_from": start}).json()["leads"] == 2
    reversed_ = api.get("/api/dashboard", headers=admin, params={"date_from": "2026-12-10", "date_to": "2026-12-01"})
    assert reversed_.status_code == 422 and reversed_.json()["errors"][0]["field"] == "date_from"
    too_long = api.get("/api/dashboard", headers=admin, params={"date_from": "2020-01-01", "date_to": "2026-12-01"})
    assert too_long.status_code == 422
    assert api.get("/api/dashboard", headers=admin, params={"date_from": "ontem"}).status_code == 422


def test_dashboard_shows_stalled_cards(api, world, monkeypatch):
    admin = auth_headers(api, world.a.emails["administrador"])
    old = create(api, admin, "Parado")
    later = clock.now() + timedelta(days=5)
    monkeypatch.setattr(clock, "now", lambda: later)
    stalled = api.get("/api/dashboard", headers=admin).json()["stalled"]
    assert stalled["count"] == 1 and stalled["items"][0]["client_id"] == old["id"] and stalled["more"] is False
