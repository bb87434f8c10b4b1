"""One dispatcher run must read in proportion to what is due, not to what is stored:
10,000 future schedules and 50 due now -> items read <= 2 x 50 + a constant."""

from __future__ import annotations

import os
from datetime import timedelta

FUTURE, DUE = 10_000, 50


def report() -> tuple[int, int, bool]:
    os.environ.setdefault("APP_ENV", "test")
    import httpx
    from moto import mock_aws

    from bench.dynamo import measure
    from devstack.resources import create_all
    from devstack.seed import seed, stable_id
    from shared import clock
    from shared.aws import client
    from shared.db.table import serialize
    from shared.ids import new_id
    from shared.schedules import dispatcher
    from shared.schedules.models import ScheduleRecord
    from shared.settings import get_settings
    from shared.whatsapp import graph
    from tests.support.fakes import FakeMeta, connect_whatsapp

    with mock_aws():
        create_all()
        tenant = seed()["tenant_id"]
        connect_whatsapp(tenant)
        graph.http_client = lambda: httpx.Client(transport=httpx.MockTransport(FakeMeta()))
        now = clock.now().replace(second=0, microsecond=0)
        ddb, table = client("dynamodb"), get_settings().table_name
        seller = stable_id("user:vendedor@demo.local")
        items = []
        clients = _clients(tenant, DUE // 2)  # half the due messages go to registered clients
        for n in range(FUTURE + DUE):
            send_at = now if n < DUE else now + timedelta(minutes=5 + n % 20_000)
            target = {"client_id": clients[n].id} if n < len(clients) else {"to_phone": f"+55119{n:08d}"}
            items.append(ScheduleRecord(
                id=new_id(), tenant_id=tenant, channel="whatsapp", **target,
                whatsapp_template={"name": "lembrete", "language": "pt_BR", "parameters": ["x"]},
                send_at=clock.iso(send_at), created_by=seller, created_at=clock.now_iso(),
                updated_at=clock.now_iso()).to_item())
        for start in range(0, len(items), 25):
            ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": serialize(i)}}
                                                       for i in items[start:start + 25]]})
        clock.now = lambda: now + timedelta(seconds=20)  # the run happens at the due minute
        with measure() as cost:
            result = dispatcher.run()
    reads = cost.items_read
    budget = 2 * DUE + 20
    ok = result.sent == DUE and reads <= budget
    print(f"\nDispatcher run: {FUTURE:,} future schedules, {DUE} due -> sent {result.sent}, "
          f"items read {reads} (budget <= 2 x {DUE} + 20 = {budget}) {'ok' if ok else 'OVER'}  ({cost.calls} calls)")
    return reads, budget, ok


def _clients(tenant: str, count: int):
    from devstack.seed import stable_id
    from shared.auth.principal import build_principal, load_account
    from shared.clients import service
    from shared.clients.models import ClientCreate

    user, company, roles, _ = load_account(tenant, stable_id("user:vendedor@demo.local"))
    principal = build_principal(user, company, roles, session_id="")
    return [service.create(principal, ClientCreate(type="pf", first_name=f"Cliente {n}",
                                                   whatsapp=f"+552199{n:07d}")) for n in range(count)]
