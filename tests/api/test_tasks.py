"""Tarefas: every promise of a callback is a task with an owner and a deadline nobody can forget."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from shared import clock
from tests.support.http import auth_headers


@pytest.fixture
def seller(api, world):
    return auth_headers(api, world.a.emails["vendedor"])


@pytest.fixture
def manager(api, world):
    return auth_headers(api, world.a.emails["gerente"])


def at(days=0, hours=0):
    return (clock.to_local(clock.now()) + timedelta(days=days, hours=hours)).isoformat()


def create(api, headers, title="Ligar para o cliente", due=None, **extra):
    resp = api.post("/api/tasks", headers=headers, json={"title": title, "due_at": due or at(days=1), **extra})
    assert resp.status_code == 201, resp.text
    return resp.json()


def view(api, headers, name, **params):
    resp = api.get("/api/tasks", headers=headers, params={"view": name, **params})
    assert resp.status_code == 200, resp.text
    return [t["title"] for t in resp.json()["items"]]


def test_create_edit_complete_reopen_cancel(api, world, seller):
    task = create(api, seller, notes="Perguntar sobre a proposta", priority="alta")
    assert task["status"] == "a_fazer" and task["owner_id"] == world.a.user_ids["vendedor"]
    assert task["owner_name"] == "Vitor Vendedor" and task["overdue"] is False
    edited = api.patch(f"/api/tasks/{task['id']}", headers=seller, json={"title": "Ligar às 10h", "status": "em_andamento"})
    assert edited.json()["title"] == "Ligar às 10h" and edited.json()["status"] == "em_andamento"
    done = api.post(f"/api/tasks/{task['id']}/complete", headers=seller).json()
    assert done["status"] == "concluida" and done["completed_at"]
    assert view(api, seller, "mine") == [] and view(api, seller, "done") == ["Ligar às 10h"]
    reopened = api.post(f"/api/tasks/{task['id']}/reopen", headers=seller).json()
    assert reopened["status"] == "a_fazer" and reopened["completed_at"] is None
    assert api.post(f"/api/tasks/{task['id']}/cancel", headers=seller).json()["status"] == "cancelada"


def test_views_mine_today_overdue_and_team(api, world, seller, manager):
    create(api, seller, "Amanhã", at(days=1))
    create(api, seller, "Mais tarde hoje", at(hours=1) if clock.to_local(clock.now()).hour < 22 else at(days=1))
    create(api, seller, "Atrasada", at(days=-2))
    create(api, manager, "Do gerente", at(days=1))
    assert view(api, seller, "mine")[0] == "Atrasada"  # by deadline
    assert "Atrasada" in view(api, seller, "overdue") and "Amanhã" not in view(api, seller, "overdue")
    assert "Do gerente" not in view(api, seller, "mine")
    team = view(api, manager, "team")
    assert {"Amanhã", "Atrasada", "Do gerente"} <= set(team)
    assert api.get("/api/tasks", headers=seller, params={"view": "team"}).status_code == 403
    assert "Atrasada" in view(api, manager, "overdue", team=True)
    assert view(api, manager, "overdue") == []  # the manager's own tasks only
    assert api.get("/api/tasks", headers=seller, params={"view": "nada"}).status_code == 422


def test_task_for_a_client_lands_in_its_timeline_and_can_be_the_next_step(api, world, seller):
    client = api.post("/api/clients", headers=seller, json={"type": "pf", "first_name": "Renata"}).json()
    task = create(api, seller, "Retornar sobre a proposta", at(days=2), client_id=client["id"], set_as_next_step=True)
    assert task["card_id"] == client["card_id"] and task["client_name"] == "Renata"
    card = api.get(f"/api/funnel/cards/{client['card_id']}", headers=seller).json()
    assert card["next_step"] == "Retornar sobre a proposta" and card["flags"]["no_next_step"] is False
    api.post(f"/api/tasks/{task['id']}/complete", headers=seller)
    events = api.get(f"/api/clients/{client['id']}/timeline", headers=seller).json()["items"]
    kinds = [e["kind"] for e in events]
    assert kinds[:2] == ["task_completed", "updated"] and "task_created" in kinds
    assert events[0]["summary"] == "Tarefa concluída"  # pt-BR, never the event's code name
    assert view(api, seller, "client", client_id=client["id"]) == ["Retornar sobre a proposta"]


def test_links_and_owners_are_checked(api, world, seller, manager):
    other = api.post("/api/clients", headers=manager, json={"type": "pf", "first_name": "Alheio",
                                                            "owner_id": world.a.user_ids["gerente"]}).json()
    assert api.post("/api/tasks", headers=seller, json={"title": "x", "due_at": at(1), "client_id": other["id"]}).status_code == 404
    assert api.post("/api/tasks", headers=seller, json={"title": "x", "due_at": at(1),
                                                        "owner_id": world.a.user_ids["gerente"]}).status_code == 403
    delegated = create(api, manager, "Para o vendedor", owner_id=world.a.user_ids["vendedor"])
    assert "Para o vendedor" in view(api, seller, "mine")
    assert api.post("/api/tasks", headers=manager, json={"title": "x", "due_at": at(1),
                                                         "owner_id": world.b.user_ids["vendedor"]}).status_code == 422
    assert delegated["created_by"] == world.a.user_ids["gerente"]


@pytest.mark.parametrize(("body", "field"), [
    ({"title": "", "due_at": "2030-01-01T10:00:00-03:00"}, "title"),
    ({"title": "x", "due_at": "amanhã"}, "due_at"),
    ({"title": "x", "due_at": "2030-01-01T10:00:00"}, "due_at"),
    ({"title": "x", "due_at": "2030-01-01T10:00:00-03:00", "priority": "máxima"}, "priority"),
])
def test_bad_task_input_is_422(api, world, seller, body, field):
    resp = api.post("/api/tasks", headers=seller, json=body)
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == field


def test_other_company_and_other_seller_tasks_are_404(api, world, seller, manager):
    mine = create(api, seller)
    b_admin = auth_headers(api, world.b.emails["administrador"])
    assert api.get(f"/api/tasks/{mine['id']}", headers=b_admin).status_code == 404
    theirs = create(api, manager, "Privada do gerente")
    assert api.get(f"/api/tasks/{theirs['id']}", headers=seller).status_code == 404
    assert api.post(f"/api/tasks/{theirs['id']}/complete", headers=seller).status_code == 404


def test_notifications_and_dashboard_overdue_count(api, world, seller, manager, monkeypatch):
    create(api, seller, "Atrasada 1", at(days=-3))
    create(api, seller, "Atrasada 2", at(days=-1))
    create(api, seller, "Logo mais", at(hours=2))
    create(api, seller, "Semana que vem", at(days=7))
    create(api, manager, "Atrasada do gerente", at(days=-1))
    notes = api.get("/api/tasks/notifications", headers=seller).json()
    assert [t["title"] for t in notes["overdue"]] == ["Atrasada 1", "Atrasada 2"]
    assert [t["title"] for t in notes["due_soon"]] == ["Logo mais"] and notes["count"] == 3
    assert api.get("/api/dashboard", headers=seller).json()["tasks_overdue"] == 2
    assert api.get("/api/dashboard", headers=manager).json()["tasks_overdue"] == 3
    # completing one is counted at once; time passing makes another overdue
    api.post(f"/api/tasks/{notes['overdue'][0]['id']}/complete", headers=seller)
    assert api.get("/api/dashboard", headers=manager).json()["tasks_overdue"] == 2
    later = clock.now() + timedelta(days=8)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert api.get("/api/dashboard", headers=seller).json()["tasks_overdue"] == 3


def test_date_only_deadline(api, world, seller):
    day = (clock.to_local(clock.now()) + timedelta(days=3)).date()
    due = datetime(day.year, day.month, day.day, 23, 59, tzinfo=clock.SAO_PAULO).isoformat()
    task = create(api, seller, "Sem hora", due, due_has_time=False)
    assert task["due_has_time"] is False and task["due_at"].startswith(f"{(day + timedelta(days=1)).isoformat()}T02:59")
