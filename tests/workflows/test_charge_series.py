"""statemachines/charge_series.asl.json end to end on the emulator: moto's interpreter runs the real
definition (Map, Retry, Catch) and the charges function's real handler for each Task state, against the
sandbox's fake Cora."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest

from shared import clock
from shared.aws import client
from shared.charges import series
from shared.settings import get_settings
from tests.support.fakes import connect_cora
from tests.support.http import auth_headers
from tests.support.people import new_cpf, new_mobile


@pytest.fixture
def finance(api, world):
    return auth_headers(api, world.a.emails["financeiro"])


def new_client(api, world):
    admin = auth_headers(api, world.a.emails["administrador"])
    resp = api.post("/api/clients", headers=admin, json={
        "type": "pf", "first_name": "Otávio", "last_name": "Reis", "document": new_cpf(),
        "email": f"otavio.{new_cpf()}@exemplo.com.br", "whatsapp": new_mobile(),
        "values": {"opportunity_value_cents": 1_000_000, "installments": 12}})
    assert resp.status_code == 201, resp.text
    return resp.json()


def first_due() -> date:
    return (clock.to_local(clock.now()) + timedelta(days=5)).date()


def finished(api, headers, series_id, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        resp = api.get(f"/api/charges/series/{series_id}", headers=headers)
        if resp.status_code == 200 and resp.json()["status"] != "processando":
            return resp.json()
        time.sleep(0.2)
    pytest.fail("the series state machine did not finish")


def start(api, headers, client_id, **extra):
    body = {"client_id": client_id, "description": "Plano anual", "total_cents": 1_000_001, "installments": 12,
            "first_due_date": first_due().isoformat(), **extra}
    resp = api.post("/api/charges/series", headers=headers, json=body)
    assert resp.status_code == 202, resp.text
    return resp.json()


def executions():
    sfn = client("stepfunctions")
    return sfn.list_executions(stateMachineArn=get_settings().charge_series_state_machine_arn)["executions"]


def test_a_series_of_12_adds_up_exactly_and_each_installment_is_issued(api, world, finance, fake_cora,
                                                                        atomic_requests):
    connect_cora(world.a.tenant_id)
    c = new_client(api, world)
    preview = api.post("/api/charges/series/preview", headers=finance, json={
        "client_id": c["id"], "description": "Plano anual", "total_cents": 1_000_001, "installments": 12,
        "first_due_date": first_due().isoformat()}).json()
    assert sum(p["amount_cents"] for p in preview["installments"]) == 1_000_001 == preview["total_cents"]
    started = start(api, finance, c["id"])
    done = finished(api, finance, started["id"])
    assert done["status"] == "concluida" and done["issued"] == 12 and done["failed"] == 0
    charges = done["charges"]
    assert [ch["installment"] for ch in charges] == list(range(1, 13))
    assert sum(ch["amount_cents"] for ch in charges) == 1_000_001
    expected = series.split_total(1_000_001, 12, first_due(), today=first_due())
    assert [(ch["due_date"], ch["amount_cents"]) for ch in charges] == [
        (p.due_date.isoformat(), p.amount_cents) for p in expected]
    assert all(ch["status"] == "emitida" and ch["pix_emv"] and ch["barcode"] for ch in charges)
    assert len(fake_cora.fake.accounts["int-empresa-a"].invoices) == 12


def test_rerunning_the_execution_and_double_posting_create_nothing(api, world, finance, fake_cora,
                                                                   atomic_requests):
    connect_cora(world.a.tenant_id)
    c = new_client(api, world)
    started = start(api, finance, c["id"], total_cents=300_000, installments=3)
    finished(api, finance, started["id"])
    again = api.post("/api/charges/series", headers=finance, json={
        "client_id": c["id"], "description": "Plano anual", "total_cents": 300_000, "installments": 3,
        "first_due_date": first_due().isoformat()})
    assert again.status_code == 409 and again.json()["existing_charge_id"]
    run = executions()[0]
    sfn = client("stepfunctions")
    original_input = sfn.describe_execution(executionArn=run["executionArn"])["input"]
    rerun = sfn.start_execution(stateMachineArn=get_settings().charge_series_state_machine_arn,
                                name="rerun-" + started["id"], input=original_input)
    deadline = time.monotonic() + 60
    while sfn.describe_execution(executionArn=rerun["executionArn"])["status"] == "RUNNING":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert sfn.describe_execution(executionArn=rerun["executionArn"])["status"] == "SUCCEEDED"
    assert len(fake_cora.fake.accounts["int-empresa-a"].invoices) == 3
    listed = api.get("/api/charges", headers=finance, params={"client_id": c["id"]}).json()["items"]
    assert len(listed) == 3
    timeline = api.get(f"/api/clients/{c['id']}/timeline", headers=auth_headers(
        api, world.a.emails["administrador"])).json()["items"]
    assert [e["kind"] for e in timeline].count("charge_series") == 1


def test_cora_500_then_200_issues_one_invoice(api, world, finance, fake_cora, atomic_requests):
    connect_cora(world.a.tenant_id)
    c = new_client(api, world)
    fake_cora.fake.script(500, {"errors": [{"code": "INTERNAL", "message": "internal error"}]})
    started = start(api, finance, c["id"], total_cents=50_000, installments=1)
    done = finished(api, finance, started["id"])
    assert done["status"] == "concluida" and done["charges"][0]["status"] == "emitida"
    posts = [call for call in fake_cora.calls if call[0] == "POST" and call[1].endswith("/v2/invoices")]
    assert len(posts) == 2 and len(fake_cora.fake.accounts["int-empresa-a"].invoices) == 1


def test_cora_400_marks_only_that_installment_erro(api, world, finance, fake_cora, atomic_requests):
    connect_cora(world.a.tenant_id)
    c = new_client(api, world)
    fake_cora.fake.script(400, {"errors": [{"code": "INVALID_DUE_DATE", "message": "due_date is not valid"}]})
    started = start(api, finance, c["id"], total_cents=400_000, installments=4)
    done = finished(api, finance, started["id"])
    statuses = sorted(ch["status"] for ch in done["charges"])
    assert statuses == ["emitida", "emitida", "emitida", "erro"] and done["status"] == "com_erro"
    failed = next(ch for ch in done["charges"] if ch["status"] == "erro")
    assert "due_date is not valid" in failed["error"]["message"] and failed["can_reissue"]
    assert len(fake_cora.fake.accounts["int-empresa-a"].invoices) == 3
    detail = json.loads(client("stepfunctions").describe_execution(
        executionArn=executions()[0]["executionArn"])["output"])
    assert detail["summary"]["result"]["failed"] == 1
