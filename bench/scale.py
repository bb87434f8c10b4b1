"""Reading the Dashboard and the funnel board must cost the same for 1,000 or 20,000 clients.

The companies are bulk-loaded with the same record builders the services use (client item, card
projection, counters), through BatchWriteItem, so loading stays quick; then the two requests run
through the real API and the DynamoDB items they read are counted.
"""

from __future__ import annotations

import os
import random
from collections import defaultdict

SIZES = (1_000, 20_000)
BUDGET_RATIO = 1.1


def _load_company(tenant_id: str, owner_ids: list[str], size: int) -> None:
    from shared import clock
    from shared.aws import client
    from shared.clients.models import ClientRecord, Values
    from shared.clients.repository import counters_for
    from shared.db.table import serialize
    from shared.funnel.models import card_item
    from shared.funnel.stages import STAGES, milestones_reached
    from shared.ids import new_id
    from shared.settings import get_settings

    rng = random.Random(size)
    now = clock.now_iso()
    stages = list(STAGES)
    totals: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    batch: list[dict] = []
    ddb, table = client("dynamodb"), get_settings().table_name

    def flush():
        for start in range(0, len(batch), 25):
            ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": serialize(i)}}
                                                       for i in batch[start:start + 25]]})
        batch.clear()

    for n in range(size):
        stage = rng.choice(stages)
        record = ClientRecord(
            id=new_id(), tenant_id=tenant_id, card_id=new_id(), type="pf", first_name=f"Cliente {n}",
            origin=rng.choice(["site", "whatsapp", "campanha"]), owner_id=rng.choice(owner_ids),
            values=Values(opportunity_value_cents=rng.randrange(0, 500_000)), stage=stage,
            stage_entered_at=now, last_activity_at=now, created_at=now, updated_at=now,
            milestones=sorted(milestones_reached(stage)))
        batch += [record.to_item(), card_item(record)]
        for op in counters_for(None, record).ops():  # the same counters a real registration writes
            bucket = totals[(op.key["PK"], op.key["SK"])]
            for placeholder, name in op.names.items():
                bucket[name] += op.values[":" + placeholder[1:]]
        if len(batch) >= 500:
            flush()
    flush()
    for (pk, sk), attrs in totals.items():
        ddb.put_item(TableName=table, Item=serialize({"PK": pk, "SK": sk, **attrs}))


def report() -> list[tuple[str, int, int, float]]:
    os.environ.setdefault("APP_ENV", "test")
    from fastapi.testclient import TestClient
    from moto import mock_aws

    from bench.dynamo import measure
    from devstack.app import build_api
    from devstack.resources import create_all
    from devstack.seed import seed, stable_id

    rows = []
    with mock_aws():
        create_all()
        tenant_id = seed()["tenant_id"]
        owners = [stable_id(f"user:{e}") for e in ("vendedor@demo.local", "gerente@demo.local")]
        api = TestClient(build_api())
        token = api.post("/api/auth/login", json={"email": "gerente@demo.local", "password": "Demo@2026"})
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        loaded = 0
        results: dict[str, list[int]] = defaultdict(list)
        for size in SIZES:
            _load_company(tenant_id, owners, size - loaded)
            loaded = size
            for name, path in (("GET /api/dashboard", "/api/dashboard"), ("GET /api/funnel (first page)", "/api/funnel")):
                api.get(path, headers=headers)  # warm caches, as a warm Lambda has
                with measure() as cost:
                    assert api.get(path, headers=headers).status_code == 200
                results[name].append(cost.items_read)
                results[name + " calls"].append(cost.calls)
    print(f"\nScale: items read with {SIZES[0]:,} vs {SIZES[1]:,} clients (budget: ratio <= {BUDGET_RATIO})")
    print(f"  {'request':<34}{SIZES[0]:>10,}{SIZES[1]:>10,}{'ratio':>8}  budget")
    for name in ("GET /api/dashboard", "GET /api/funnel (first page)"):
        small, large = results[name]
        ratio = large / small if small else float("inf")
        calls = results[name + " calls"]
        rows.append((name, small, large, ratio))
        verdict = "ok" if ratio <= BUDGET_RATIO else "OVER"
        print(f"  {name:<34}{small:>10}{large:>10}{ratio:>8.2f}  {verdict}   ({calls[0]} / {calls[1]} calls)")
    return rows
