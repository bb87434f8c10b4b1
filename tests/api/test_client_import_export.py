"""CSV import (preview, mapping, per-row validation, duplicates, progress, restart, a large file in the
background) and the CSV export of the list, through the real handlers on moto."""

from __future__ import annotations

import codecs
import json
import math
import time
from types import SimpleNamespace

import pytest

from shared import jobs, keys
from shared.clients import exporting, importing
from shared.db.table import Table, TransactionFailed
from shared.ids import new_id
from tests.support.http import auth_headers

CPF = "529.982.247-25"
CPF2 = "111.444.777-35"
CNPJ = "11.222.333/0001-81"


@pytest.fixture(autouse=True)
def _background_work_ends_with_the_test():
    yield
    jobs.wait_all()


@pytest.fixture
def admin(api, world):
    return auth_headers(api, world.a.emails["administrador"])


def upload(api, headers, raw: bytes, name: str = "clientes.csv"):
    return api.post("/api/clients/imports", headers=headers, files={"file": (name, raw, "text/csv")})


def run(api, headers, job: dict, mapping: dict | None = None, on_duplicate: str = "skip") -> dict:
    resp = api.post(f"/api/clients/imports/{job['id']}/start", headers=headers,
                    json={"mapping": mapping or job["suggested_mapping"], "on_duplicate": on_duplicate})
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "running"
    jobs.wait_all()
    return api.get(f"/api/clients/imports/{job['id']}", headers=headers).json()


def report(api, headers, job_id: str, **params) -> list[dict]:
    return api.get(f"/api/clients/imports/{job_id}/rows", headers=headers, params=params).json()["items"]


def test_latin1_semicolon_file_is_previewed_with_a_suggested_mapping(api, world, admin):
    rows = [f"Cliente {n};{CPF if n == 1 else ''};(11) 9{n:04d}-0000;São Paulo;Observação {n}" for n in range(1, 13)]
    raw = ("Nome;CPF/CNPJ;Celular;Cidade;Observações\n" + "\n".join(rows) + "\n").encode("cp1252")
    resp = upload(api, admin, raw, "base antiga.csv")
    assert resp.status_code == 201, resp.text
    job = resp.json()
    assert job["status"] == "preview" and job["file_name"] == "base antiga.csv"
    assert (job["encoding"], job["delimiter"], job["total"], job["processed"]) == ("Latin-1", ";", 12, 0)
    assert job["columns"] == ["Nome", "CPF/CNPJ", "Celular", "Cidade", "Observações"]
    assert len(job["preview_rows"]) == 10 and job["preview_rows"][0][3] == "São Paulo"
    assert job["suggested_mapping"] == {"Nome": "full_name", "CPF/CNPJ": "document", "Celular": "whatsapp",
                                        "Cidade": "address.city", "Observações": "notes"}
    fields = {f["key"]: f["label"] for f in job["fields"]}
    assert fields["email"] == "E-mail" and fields["values.opportunity_value_cents"] == "Valor da oportunidade"
    assert api.get(f"/api/clients/imports/{job['id']}", headers=admin).json() == job
    stored = importing.client("s3").get_object(Bucket=importing.get_settings().documents_bucket,
                                                Key=f"tenants/{world.a.tenant_id}/imports/{job['id']}.csv")
    assert stored["Body"].read() == raw


def test_utf8_bom_comma_file_reports_each_row(api, world, admin):
    lines = [
        "Nome,Documento,E-mail,Valor,Tags,UF",
        f'"Ana Maria Souza",{CPF},ana@exemplo.com.br,"R$ 1.500,00","vip|frio",sp',  # 2 created
        f"Padaria Sol,{CNPJ},,,,",  # 3 created (company: 14 digits)
        "Bruno,529.982.247-24,,,,",  # 4 bad CPF
        "Carla,,carla@,,,",  # 5 bad e-mail
        "Davi,,,mil reais,,",  # 6 bad money
        ",,,,,",  # blank: not a row
        f",{CPF2},,,,",  # 8 no name
        f"Ana de novo,{CPF},,,,",  # 9 duplicate inside the file
        "Eva,,,,,XX",  # 10 bad UF
    ]
    job = upload(api, admin, codecs.BOM_UTF8 + "\r\n".join(lines).encode()).json()
    assert (job["encoding"], job["delimiter"], job["total"]) == ("UTF-8", ",", 8)
    done = run(api, admin, job)
    assert done["status"] == "done" and done["finished_at"]
    assert {k: done[k] for k in ("processed", "created", "merged", "skipped", "failed")} == \
        {"processed": 8, "created": 2, "merged": 0, "skipped": 1, "failed": 5}
    rows = {r["line"]: r for r in report(api, admin, job["id"])}
    assert sorted(rows) == [2, 3, 4, 5, 6, 8, 9, 10]
    failed = {r["line"]: (r["field"], r["message"]) for r in report(api, admin, job["id"], outcome="failed")}
    assert failed == {
        4: ("document", "CPF/CNPJ (coluna “Documento”): CPF inválido: confira os dígitos."),
        5: ("email", "E-mail (coluna “E-mail”): informe um e-mail válido."),
        6: ("values.opportunity_value_cents",
            "Valor da oportunidade (coluna “Valor”): informe um valor em reais, por exemplo 1.234,56."),
        8: ("first_name", "Nome (coluna “Nome”): informe o nome."),
        10: ("address.state", "UF (coluna “UF”): UF inválida (use a sigla, por exemplo SP)."),
    }
    assert rows[9]["outcome"] == "skipped" and rows[9]["client_id"] == rows[2]["client_id"]
    assert "Ana Maria Souza" in rows[9]["message"]
    ana = api.get(f"/api/clients/{rows[2]['client_id']}", headers=admin).json()
    assert (ana["first_name"], ana["last_name"], ana["origin"], ana["tags"]) == ("Ana", "Maria Souza", "importacao",
                                                                                 ["vip", "frio"])
    assert ana["values"]["opportunity_value_cents"] == 150000 and ana["address"]["state"] == "SP"
    assert ana["owner_id"] == world.a.user_ids["administrador"]
    padaria = api.get(f"/api/clients/{rows[3]['client_id']}", headers=admin).json()
    assert (padaria["type"], padaria["trade_name"]) == ("pj", "Padaria Sol")
    timeline = api.get(f"/api/clients/{ana['id']}/timeline", headers=admin).json()["items"]
    assert timeline[0]["kind"] == "imported" and timeline[0]["data"] == {"import_id": job["id"], "line": 2}


def test_merge_fills_the_existing_client_with_the_rows_values(api, world, admin):
    existing = api.post("/api/clients", headers=admin, json={
        "type": "pf", "first_name": "Maria", "document": CPF, "tags": ["vip"],
        "address": {"cep": "01310-100", "city": "Santos"}}).json()
    raw = ("Nome;CPF;Telefone;Cidade;Tags;E-mail\n"
           f"Maria Silva;{CPF};(11) 3456-7890;São Paulo;nova;\n"
           "Zeca;;;;;zeca@exemplo.com.br\n"
           "Zeca Pagodinho;;(21) 3333-4444;;samba;zeca@exemplo.com.br\n").encode()
    job = upload(api, admin, raw).json()
    done = run(api, admin, job, on_duplicate="merge")
    assert (done["created"], done["merged"], done["skipped"], done["failed"]) == (1, 2, 0, 0)
    rows = {r["line"]: r for r in report(api, admin, job["id"])}
    assert rows[2] == {"line": 2, "outcome": "merged", "client_id": existing["id"], "field": None, "message": None}
    maria = api.get(f"/api/clients/{existing['id']}", headers=admin).json()
    assert (maria["last_name"], maria["phone"], maria["tags"]) == ("Silva", "+551134567890", ["vip", "nova"])
    assert (maria["address"]["cep"], maria["address"]["city"]) == ("01310100", "São Paulo")
    assert maria["origin"] == "cadastro_manual"  # a default is not a value of the row
    zeca = api.get(f"/api/clients/{rows[3]['client_id']}", headers=admin).json()
    assert rows[4]["client_id"] == zeca["id"]
    assert (zeca["last_name"], zeca["phone"], zeca["tags"]) == ("Pagodinho", "+552133334444", ["samba"])
    kinds = [e["kind"] for e in api.get(f"/api/clients/{existing['id']}/timeline", headers=admin).json()["items"]]
    assert kinds == ["updated", "created"]


def test_merge_respects_the_sellers_scope(api, world, admin):
    api.post("/api/clients", headers=admin, json={"type": "pf", "first_name": "Do Gerente", "document": CPF,
                                                  "owner_id": world.a.user_ids["gerente"]})
    api.put("/api/roles/vendedor", headers=admin, json={
        "permissions": ["clientes:read", "clientes:write", "clientes:import"], "data_scope": "own"})
    seller = auth_headers(api, world.a.emails["vendedor"])
    job = upload(api, seller, f"Nome;CPF\nOutro Nome;{CPF}\nNova;\n".encode()).json()
    done = run(api, seller, job, on_duplicate="merge")
    assert (done["created"], done["failed"]) == (1, 1)
    [row] = report(api, seller, job["id"], outcome="failed")
    assert row["line"] == 2 and "outro responsável" in row["message"] and row["client_id"] is None
    assert api.get(f"/api/clients/imports/{job['id']}", headers=admin).status_code == 200
    other = auth_headers(api, world.a.emails["gerente"])
    assert api.get(f"/api/clients/imports/{job['id']}", headers=other).status_code == 200  # scope "all"


def test_a_row_cancelled_by_concurrent_writes_is_retried(api, world, admin, monkeypatch):
    real, calls = importing.service.create, []

    def busy(principal, data, **kwargs):  # e.g. DynamoDB cancelling on a conflict over the counters
        calls.append(data.first_name)
        if data.first_name == "Bia" or calls.count("Ana") == 1:
            raise TransactionFailed(["TransactionConflict"])
        return real(principal, data, **kwargs)

    monkeypatch.setattr(importing.service, "create", busy)
    monkeypatch.setattr(importing.time, "sleep", lambda seconds: None)
    job = upload(api, admin, b"Nome\nAna\nBia\n").json()
    done = run(api, admin, job)
    assert (done["status"], done["created"], done["failed"]) == ("done", 1, 1)
    assert calls == ["Ana", "Ana", "Bia", "Bia", "Bia"]
    [row] = report(api, admin, job["id"], outcome="failed")
    assert row["line"] == 3 and "muitas alterações" in row["message"]


def _budget(rows: int):
    """time_left() for one invocation that runs out after `rows` rows (one call to take the lease)."""
    calls = iter(range(10**6))
    return lambda: math.inf if next(calls) <= rows else 0.0


def test_progress_checkpoints_and_a_restart_continues_without_duplicates(api, world, admin, monkeypatch):
    raw = ("Nome;E-mail\n" + "".join(f"Pessoa {n};p{n}@exemplo.com.br\n" for n in range(30))).encode()
    job = upload(api, admin, raw).json()
    monkeypatch.setattr(jobs, "run_async", lambda *args: None)  # the test plays the worker
    assert api.post(f"/api/clients/imports/{job['id']}/start", headers=admin,
                    json={"mapping": job["suggested_mapping"], "on_duplicate": "skip"}).status_code == 200
    payload = {"tenant_id": world.a.tenant_id, "import_id": job["id"]}
    assert importing.run(payload, _budget(15)) is False  # stopped before its timeout
    half = api.get(f"/api/clients/imports/{job['id']}", headers=admin).json()
    assert (half["status"], half["processed"], half["created"], half["total"]) == ("running", 15, 15, 30)
    # A worker that died between checkpoints: the stored counters lag behind the recorded rows.
    key = keys.client_import(world.a.tenant_id, job["id"])
    Table().update(key, "SET #p = :p, last_line = :l, created = :c", names={"#p": "processed"},
                   values={":p": 5, ":l": 6, ":c": 5})
    Table().update(key, "SET lease_id = :x, lease_until = :u", values={":x": "other", ":u": 2**40})
    assert importing.run(payload, lambda: math.inf) is True  # another worker holds the lease: nothing done
    assert api.get(f"/api/clients/imports/{job['id']}", headers=admin).json()["processed"] == 5
    Table().update(key, "REMOVE lease_id, lease_until")
    assert importing.run(payload, lambda: math.inf) is True
    done = api.get(f"/api/clients/imports/{job['id']}", headers=admin).json()
    assert (done["status"], done["processed"], done["created"], done["skipped"]) == ("done", 30, 30, 0)
    lines = [r["line"] for r in report(api, admin, job["id"], limit=200)]
    assert lines == list(range(2, 32))
    names, cursor = [], None
    while True:
        page = api.get("/api/clients", headers=admin, params={"limit": 100, **({"cursor": cursor} if cursor else {})})
        names += [c["display_name"] for c in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    assert sorted(names) == sorted(f"Pessoa {n}" for n in range(30))


def test_an_invocation_near_its_timeout_queues_the_rest(api, world, admin, monkeypatch):
    job = upload(api, admin, b"Nome\nAna\nBia\n").json()
    queued = []
    monkeypatch.setattr(jobs, "run_async", lambda name, payload: queued.append((name, payload)))
    api.post(f"/api/clients/imports/{job['id']}/start", headers=admin, json={"mapping": {"Nome": "full_name"}})
    event = {"job": importing.JOB, "payload": {"tenant_id": world.a.tenant_id, "import_id": job["id"]}}
    remaining = iter([60_000, 60_000, 3_000])  # taking the lease, before Ana, before Bia
    short = SimpleNamespace(get_remaining_time_in_millis=lambda: next(remaining))
    answer = jobs.dispatch(event, short)
    assert json.loads(answer["body"]) == {"job": importing.JOB, "finished": False}
    assert queued == [(importing.JOB, event["payload"])] * 2  # by the start, then by the worker
    assert api.get(f"/api/clients/imports/{job['id']}", headers=admin).json()["processed"] == 1
    assert jobs.dispatch(event, SimpleNamespace(get_remaining_time_in_millis=lambda: 900_000))["statusCode"] == 200
    assert api.get(f"/api/clients/imports/{job['id']}", headers=admin).json()["created"] == 2


def test_an_invocation_without_time_for_one_row_fails_instead_of_looping(api, world, admin, monkeypatch):
    job = upload(api, admin, b"Nome\nAna\n").json()
    monkeypatch.setattr(jobs, "run_async", lambda *args: None)
    api.post(f"/api/clients/imports/{job['id']}/start", headers=admin, json={"mapping": {"Nome": "full_name"}})
    event = {"job": importing.JOB, "payload": {"tenant_id": world.a.tenant_id, "import_id": job["id"]}}
    assert jobs.dispatch(event, SimpleNamespace(get_remaining_time_in_millis=lambda: 2_000))["statusCode"] == 200
    failed = api.get(f"/api/clients/imports/{job['id']}", headers=admin).json()
    assert failed["status"] == "failed" and "tempo" in failed["error"]


def test_in_aws_the_function_invokes_itself_asynchronously(monkeypatch):
    calls = []
    monkeypatch.setattr(jobs, "get_settings", lambda: SimpleNamespace(is_local=False))
    monkeypatch.setattr("shared.aws.client", lambda service: SimpleNamespace(invoke=lambda **kw: calls.append(kw)))
    monkeypatch.setenv("AWS_LAMBDA_FUNCTION_NAME", "impacte-prod-clients")
    jobs.run_async(importing.JOB, {"tenant_id": "T", "import_id": "I"})
    assert calls == [{"FunctionName": "impacte-prod-clients", "InvocationType": "Event",
                      "Payload": json.dumps({"job": importing.JOB, "payload": {"tenant_id": "T", "import_id": "I"}})
                      .encode()}]


def test_the_lambda_entry_runs_job_events(api, world):
    from clients_api.app import handler

    from devstack.lambda_context import LambdaContext

    unknown = handler({"job": importing.JOB, "payload": {"tenant_id": world.a.tenant_id, "import_id": new_id()}},
                      LambdaContext())
    assert unknown["statusCode"] == 404 and json.loads(unknown["body"])["detail"] == "Importação não encontrada."
    assert handler({"job": "nada", "payload": {}}, LambdaContext())["statusCode"] == 400


def test_two_thousand_rows_finish_in_the_background(api, world, admin, atomic_requests, monkeypatch):
    created = []

    def fake_create(principal, data, **kwargs):  # the client writes are the service's (tested above)
        created.append(data.first_name)
        return SimpleNamespace(id=new_id())

    monkeypatch.setattr(importing.service, "create", fake_create)
    checkpoints = []
    original_save = importing._save
    monkeypatch.setattr(importing, "_save", lambda record, lease, **kw: (
        checkpoints.append(record.processed), original_save(record, lease, **kw)))
    bad = {500, 1500}
    raw = ("Nome;E-mail\n" + "".join(f"Pessoa {n};{'sem-arroba' if n in bad else f'p{n}@x.com.br'}\n"
                                     for n in range(2000))).encode()
    job = upload(api, admin, raw).json()
    assert job["total"] == 2000
    started = time.perf_counter()
    api.post(f"/api/clients/imports/{job['id']}/start", headers=admin, json={"mapping": job["suggested_mapping"]})
    seen = []
    while (state := api.get(f"/api/clients/imports/{job['id']}", headers=admin).json())["status"] == "running":
        seen.append(state["processed"])
        assert time.perf_counter() - started < 60
        time.sleep(0.2)
    assert (state["status"], state["processed"], state["created"], state["failed"]) == ("done", 2000, 1998, 2)
    assert seen == sorted(seen) and any(0 < p < 2000 for p in seen)  # the progress bar moves
    assert checkpoints == [*range(25, 2001, 25), 2000]
    assert len(created) == 1998
    failed = report(api, admin, job["id"], outcome="failed")
    assert [r["line"] for r in failed] == [502, 1502]
    page = api.get(f"/api/clients/imports/{job['id']}/rows", headers=admin, params={"limit": 200}).json()
    assert len(page["items"]) == 200 and page["next_cursor"]


@pytest.mark.parametrize(("raw", "status", "words"), [
    (b"", 422, "vazio"),
    (b"Nome;CPF\n", 422, "cabeçalho"),
    (b"PK\x03\x04xlsx", 422, "Excel"),
    (b"N\n" + b"a" * importing.MAX_BYTES, 413, "4 MB"),
])
def test_files_that_cannot_be_imported_are_refused_in_portuguese(api, world, admin, raw, status, words):
    resp = upload(api, admin, raw)
    assert resp.status_code == status and words in resp.json()["detail"], resp.text
    assert resp.json()["errors"][0]["field"] == "file"


def test_missing_file_and_bad_mappings_name_the_field(api, world, admin):
    missing = api.post("/api/clients/imports", headers=admin, data={"outro": "x"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "file"
    job = upload(api, admin, b"Nome;CPF\nAna;\n").json()
    start = f"/api/clients/imports/{job['id']}/start"
    for mapping, field in (({"Nome": "salario"}, "mapping.Nome"), ({"Nome": "email", "CPF": "email"}, "mapping.CPF"),
                           ({"Idade": "notes"}, "mapping.Idade"), ({"CPF": "document"}, "mapping")):
        resp = api.post(start, headers=admin, json={"mapping": mapping, "on_duplicate": "skip"})
        assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == field, resp.text
    assert api.post(start, headers=admin, json={"mapping": {"Nome": "full_name"}, "on_duplicate": "x"}).status_code == 422
    assert api.post(start, headers=admin, json={"mapping": {"Nome": "full_name"}}).status_code == 200
    jobs.wait_all()
    assert api.post(start, headers=admin, json={"mapping": {"Nome": "full_name"}}).status_code == 409
    assert api.get(f"/api/clients/imports/{new_id()}", headers=admin).status_code == 404
    assert api.get("/api/clients/imports/nada/rows", headers=admin).status_code == 404


def test_permissions_and_the_other_company(api, world, admin):
    job = upload(api, admin, b"Nome\nAna\n").json()
    seller = auth_headers(api, world.a.emails["vendedor"])
    finance = auth_headers(api, world.a.emails["financeiro"])
    assert upload(api, seller, b"Nome\nAna\n").status_code == 403
    assert upload(api, finance, b"Nome\nAna\n").status_code == 403
    assert api.get("/api/clients/export", headers=seller).status_code == 403
    assert api.get("/api/clients/export", headers=finance).status_code == 200
    other = auth_headers(api, world.b.emails["administrador"])
    for method, path in (("GET", ""), ("GET", "/rows"), ("POST", "/start")):
        resp = api.request(method, f"/api/clients/imports/{job['id']}{path}", headers=other,
                           json={"mapping": {"Nome": "full_name"}} if method == "POST" else None)
        assert resp.status_code == 404, (path, resp.text)
    assert "Ana" not in api.get("/api/clients/export", headers=other).content.decode("utf-8-sig")


def test_export_formats_for_people_and_follows_the_filters(api, world, admin, monkeypatch):
    api.put("/api/clients/custom-fields", headers=admin, json={"items": [
        {"label": "Segmento", "type": "choice", "options": ["Varejo", "Serviços"]},
        {"label": "Cliente desde", "type": "date"}]})
    api.post("/api/clients", headers=admin, json={
        "type": "pf", "first_name": "Maria", "last_name": "da Silva", "document": CPF, "phone": "(11) 3456-7890",
        "whatsapp": "(11) 98765-4321", "email": "maria@exemplo.com.br", "origin": "site", "tags": ["vip", "sp"],
        "address": {"cep": "01310-100", "city": "São Paulo", "state": "SP"}, "notes": "=1+1",
        "values": {"opportunity_value_cents": 123456, "installments": 3},
        "contract": {"number": "C-9", "start_date": "2026-02-01"},
        "custom_fields": {"segmento": "Varejo", "cliente_desde": "2020-05-17"}})
    for n, origin in enumerate(["whatsapp", "indicacao", "site"]):
        api.post("/api/clients", headers=admin, json={"type": "pj", "trade_name": f"Empresa {n}", "origin": origin,
                                                      "owner_id": world.a.user_ids["gerente"]})
    monkeypatch.setattr(exporting, "PAGE", 2)  # several list pages

    def export(**params) -> list[dict]:
        resp = api.get("/api/clients/export", headers=admin, params=params)
        assert resp.status_code == 200, resp.text
        assert resp.headers["content-type"] == "text/csv; charset=utf-8"
        assert resp.content.startswith(codecs.BOM_UTF8)
        today = exporting.clock.to_local(exporting.clock.now()).date().isoformat()
        assert resp.headers["content-disposition"] == f'attachment; filename="clientes-{today}.csv"'
        header, *lines = resp.content.decode("utf-8-sig").split("\r\n")[:-1]
        return [dict(zip(header.split(";"), line.split(";"), strict=True)) for line in lines]

    everyone = export()
    assert [r["Cliente"] for r in everyone] == ["Empresa 2", "Empresa 1", "Empresa 0", "Maria da Silva"]
    maria = everyone[-1]
    assert {k: maria[k] for k in ("Tipo", "CPF/CNPJ", "Telefone", "WhatsApp", "CEP", "Origem", "Responsável",
                                  "Etapa", "Valor da oportunidade", "Nº de parcelas", "Início do contrato", "Tags",
                                  "Observações", "Segmento", "Cliente desde")} == {
        "Tipo": "Pessoa física", "CPF/CNPJ": "529.982.247-25", "Telefone": "(11) 3456-7890",
        "WhatsApp": "(11) 98765-4321", "CEP": "01310-100", "Origem": "Site", "Responsável": "Ana Administradora",
        "Etapa": "Novo contato", "Valor da oportunidade": "1.234,56", "Nº de parcelas": "3",
        "Início do contrato": "01/02/2026", "Tags": "vip, sp", "Observações": "'=1+1", "Segmento": "Varejo",
        "Cliente desde": "17/05/2020"}
    assert everyone[0]["Responsável"] == "Gustavo Gerente" and everyone[0]["Tipo"] == "Pessoa jurídica"
    assert [r["Cliente"] for r in export(origin="site")] == ["Empresa 2", "Maria da Silva"]
    assert [r["Cliente"] for r in export(q="maria")] == ["Maria da Silva"]
    assert [r["Cliente"] for r in export(**{"cf.segmento": "Varejo"})] == ["Maria da Silva"]
    assert [r["Cliente"] for r in export(owner_id=world.a.user_ids["gerente"], sort="name")] == \
        ["Empresa 0", "Empresa 1", "Empresa 2"]
    assert export(archived="true") == []
    assert api.get("/api/clients/export", headers=admin, params={"created_from": "ontem"}).status_code == 422
