"""Funnel: board, Aplicar, moves and their rules, timeline, stalled cards, counters under concurrency."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from shared import clock, events
from shared.funnel.stages import STAGES
from tests.support.http import auth_headers


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


@pytest.fixture
def seller(api, world):
    return auth_headers(api, world.a.emails["vendedor"])


def new_client(api, headers, name="Lead", value=None, **extra):
    body = {"type": "pf", "first_name": name, **extra}
    if value is not None:
        body["values"] = {"opportunity_value_cents": value}
    resp = api.post("/api/clients", headers=headers, json=body)
    assert resp.status_code == 201, resp.text
    return resp.json()


def column(board, stage):
    return next(s for s in board["stages"] if s["key"] == stage)


def move(api, headers, card_id, stage, **extra):
    return api.post(f"/api/funnel/cards/{card_id}/move", headers=headers, json={"stage": stage, **extra})


def test_new_client_card_starts_in_novo_contato_with_counts_and_totals(api, world, seller):
    a = new_client(api, seller, "Ana", 100000)
    new_client(api, seller, "Bruno", 50000)
    board = api.get("/api/funnel", headers=seller).json()
    assert [s["key"] for s in board["stages"]] == list(STAGES)
    first = column(board, "novo_contato")
    assert first["count"] == 2 and first["value_cents"] == 150000
    assert {c["display_name"] for c in first["cards"]} == {"Ana", "Bruno"}
    card = next(c for c in first["cards"] if c["client_id"] == a["id"])
    assert card["id"] == a["card_id"] and card["owner_name"] == "Vitor Vendedor"
    assert card["flags"]["no_next_step"] is True and card["flags"]["stalled"] is False


def test_apply_saves_values_dates_and_next_step(api, world, seller):
    c = new_client(api, seller, "Carla", 10000)
    resp = api.patch(f"/api/funnel/cards/{c['card_id']}", headers=seller, json={
        "value_cents": 250000, "installments": 10, "first_due_date": "2027-01-05",
        "expected_close_date": "2026-12-20", "next_step": "Enviar proposta", "next_step_due": "2026-12-03"})
    assert resp.status_code == 200, resp.text
    card = resp.json()
    assert card["value_cents"] == 250000 and card["installments"] == 10 and card["next_step"] == "Enviar proposta"
    assert card["flags"]["no_next_step"] is False
    client = api.get(f"/api/clients/{c['id']}", headers=seller).json()
    assert client["values"]["opportunity_value_cents"] == 250000 and client["values"]["first_due_date"] == "2027-01-05"
    assert column(api.get("/api/funnel", headers=seller).json(), "novo_contato")["value_cents"] == 250000
    event = api.get(f"/api/clients/{c['id']}/timeline", headers=seller).json()["items"][0]
    fields = {ch["field"] for ch in event["changes"]}
    assert {"values.opportunity_value_cents", "next_step", "next_step_due"} <= fields


def test_overdue_next_step_is_flagged(api, world, seller):
    c = new_client(api, seller)
    card = api.patch(f"/api/funnel/cards/{c['card_id']}", headers=seller,
                     json={"next_step": "Ligar", "next_step_due": "2020-01-01"}).json()
    assert card["flags"]["next_step_overdue"] is True


def test_move_lands_in_timeline_counters_and_publishes_an_event(api, world, seller):
    received = []
    unsubscribe = events.subscribe("funnel.stage_changed", received.append)
    try:
        c = new_client(api, seller, "Davi", 30000)
        resp = move(api, seller, c["card_id"], "contato_com_resposta")
    finally:
        unsubscribe()
    assert resp.status_code == 200 and resp.json()["stage"] == "contato_com_resposta"
    board = api.get("/api/funnel", headers=seller).json()
    assert column(board, "novo_contato")["count"] == 0
    assert column(board, "contato_com_resposta")["count"] == 1
    assert column(board, "contato_com_resposta")["value_cents"] == 30000
    event = api.get(f"/api/clients/{c['id']}/timeline", headers=seller).json()["items"][0]
    assert event["kind"] == "stage_moved" and event["actor_name"] == "Vitor Vendedor"
    assert event["summary"] == "Etapa: Novo contato → Contato com resposta"
    assert api.get(f"/api/clients/{c['id']}", headers=seller).json()["stage"] == "contato_com_resposta"
    assert received == [{**received[0], "client_id": c["id"], "from_stage": "novo_contato",
                         "to_stage": "contato_com_resposta", "tenant_id": world.a.tenant_id}]


def test_lost_needs_a_reason_from_the_company_list(api, world, seller, admin):
    c = new_client(api, seller)
    missing = move(api, seller, c["card_id"], "perdido")
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "loss_reason"
    invented = move(api, seller, c["card_id"], "perdido", loss_reason="Marte")
    assert invented.status_code == 422
    ok = move(api, seller, c["card_id"], "perdido", loss_reason="Preço")
    assert ok.status_code == 200 and ok.json()["loss_reason"] == "Preço"
    summary = api.get(f"/api/clients/{c['id']}/timeline", headers=seller).json()["items"][0]["summary"]
    assert "motivo: Preço" in summary
    # the company edits its list
    settings = api.get("/api/funnel/settings", headers=admin).json()
    settings["loss_reasons"] = ["Sumiu"]
    assert api.put("/api/funnel/settings", headers=admin, json=settings).status_code == 200
    other = new_client(api, seller, "Outro")
    assert move(api, seller, other["card_id"], "perdido", loss_reason="Preço").status_code == 422
    assert move(api, seller, other["card_id"], "perdido", loss_reason="Sumiu").status_code == 200
    assert api.put("/api/funnel/settings", headers=seller, json=settings).status_code == 403


def test_closed_needs_a_value(api, world, seller):
    c = new_client(api, seller)
    refused = move(api, seller, c["card_id"], "fechado")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "value_cents"
    ok = move(api, seller, c["card_id"], "fechado", value_cents=99000)
    assert ok.status_code == 200 and ok.json()["value_cents"] == 99000


def test_unknown_stage_is_422_and_other_company_card_is_404(api, world, seller):
    c = new_client(api, seller)
    bad = move(api, seller, c["card_id"], "ganho")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "stage"
    other = auth_headers(api, world.b.emails["administrador"])
    assert move(api, other, c["card_id"], "negociacao").status_code == 404
    assert api.get(f"/api/funnel/cards/{c['card_id']}", headers=other).status_code == 404


def test_seller_board_shows_only_own_cards(api, world, seller, admin):
    new_client(api, seller, "Meu", 1000)
    theirs = new_client(api, admin, "Do Gerente", 5000, owner_id=world.a.user_ids["gerente"])
    mine = column(api.get("/api/funnel", headers=seller).json(), "novo_contato")
    assert [c["display_name"] for c in mine["cards"]] == ["Meu"] and mine["count"] == 1 and mine["value_cents"] == 1000
    everyone = column(api.get("/api/funnel", headers=admin).json(), "novo_contato")
    assert everyone["count"] == 2 and everyone["value_cents"] == 6000
    just_manager = column(api.get("/api/funnel", headers=admin, params={"owner_id": world.a.user_ids["gerente"]}).json(),
                          "novo_contato")
    assert just_manager["count"] == 1 and [c["id"] for c in just_manager["cards"]] == [theirs["card_id"]]
    assert move(api, seller, theirs["card_id"], "negociacao").status_code == 404


def test_column_pages(api, world, seller):
    for n in range(5):
        new_client(api, seller, f"L{n}")
    board = api.get("/api/funnel", headers=seller, params={"limit": 2}).json()
    first = column(board, "novo_contato")
    seen = [c["id"] for c in first["cards"]]
    cursor = first["next_cursor"]
    while cursor:
        page = api.get("/api/funnel/stages/novo_contato/cards", headers=seller,
                       params={"cursor": cursor, "limit": 2}).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) == 5
    assert api.get("/api/funnel/stages/ganho/cards", headers=seller).status_code == 404


def test_stalled_cards_follow_the_stage_limits(api, world, seller, monkeypatch):
    old = new_client(api, seller, "Antigo")
    fresh_time = clock.now() + timedelta(days=3)
    monkeypatch.setattr(clock, "now", lambda: fresh_time)
    new_client(api, seller, "Recente")
    stalled = api.get("/api/funnel/stalled", headers=seller).json()["items"]
    assert [c["client_id"] for c in stalled] == [old["id"]]  # Novo contato allows 2 days
    assert stalled[0]["flags"]["stalled"] is True and stalled[0]["flags"]["stalled_days"] == 3
    # activity clears it
    api.post(f"/api/clients/{old['id']}/notes", headers=seller, json={"text": "Liguei"})
    assert api.get("/api/funnel/stalled", headers=seller).json()["items"] == []


def test_counters_stay_true_under_concurrent_moves(api, world, admin, atomic_requests):
    cards = [new_client(api, admin, f"C{n}", 1000 * (n + 1))["card_id"] for n in range(6)]
    targets = ["contato_com_resposta", "em_atendimento", "negociacao", "proposta_enviada"]
    errors = []

    def worker(offset):
        for i, card_id in enumerate(cards):
            stage = targets[(i + offset) % len(targets)]
            resp = move(api, admin, card_id, stage)
            if resp.status_code not in (200, 409):
                errors.append(resp.text)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    board = api.get("/api/funnel", headers=admin, params={"limit": 50}).json()
    for stage in board["stages"]:
        truth = stage["cards"]
        assert stage["count"] == len(truth), stage["key"]
        assert stage["value_cents"] == sum(c["value_cents"] for c in truth), stage["key"]
    assert sum(s["count"] for s in board["stages"]) == 6
