"""One dispatcher run must read in proportion to what is due, not to what is stored:
10,000 future schedules and 50 due now -> items read <= 2 x 50 + a constant.

The due messages are WhatsApp templates scheduled through the real service: half to registered
clients, half to typed numbers, and a third of each to numbers that already have a conversation.
"""

from __future__ import annotations

import os
from datetime import timedelta

FUTURE, DUE, CONSTANT = 10_000, 50, 20
TEMPLATE = {"name": "lembrete", "language": "pt_BR", "parameters": ["x"]}


def report() -> tuple[int, int, bool]:
    os.environ.setdefault("APP_ENV", "test")
    import httpx
    from moto import mock_aws

    from bench.dynamo import measure
    from devstack.resources import create_all
    from devstack.seed import seed
    from shared import clock
    from shared.aws import client
    from shared.db.table import serialize
    from shared.ids import new_id
    from shared.schedules import dispatcher, service
    from shared.schedules.models import ScheduleCreate, ScheduleRecord
    from shared.settings import get_settings
    from shared.whatsapp import conversations, graph
    from tests.support.fakes import FakeMeta, connect_whatsapp

    real_now = clock.now
    with mock_aws():
        create_all()
        tenant = seed()["tenant_id"]
        connect_whatsapp(tenant)
        graph.http_client = lambda: httpx.Client(transport=httpx.MockTransport(FakeMeta()))
        now = real_now().replace(second=0, microsecond=0)
        clock.now = lambda: now
        seller = _seller(tenant)
        clients = _clients(seller, DUE // 2)
        for n in range(DUE):
            target = {"client_id": clients[n].id} if n < len(clients) else {"to_phone": f"+55119{n:08d}"}
            if n % 3 == 0:  # this number already talks to the company
                conversations.open_for(tenant, clients[n].whatsapp if n < len(clients) else target["to_phone"])
            service.create(seller, ScheduleCreate(channel="whatsapp", send_at=now, whatsapp_template=TEMPLATE,
                                                  **target))
        ddb, table = client("dynamodb"), get_settings().table_name
        future = [ScheduleRecord(id=new_id(), tenant_id=tenant, channel="whatsapp", to_phone=f"+55219{n:08d}",
                                 whatsapp_template=TEMPLATE, send_at=clock.iso(now + timedelta(minutes=5 + n)),
                                 created_by=seller.user_id, created_at=clock.now_iso(),
                                 updated_at=clock.now_iso()).to_item() for n in range(FUTURE)]
        for start in range(0, len(future), 25):
            ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": serialize(i)}}
                                                       for i in future[start:start + 25]]})
        clock.now = lambda: now + timedelta(seconds=20)  # the run happens at the due minute
        try:
            with measure() as cost:
                result = dispatcher.run()
        finally:
            clock.now = real_now
    reads = cost.items_read
    budget = 2 * DUE + CONSTANT
    ok = result.sent == DUE and reads <= budget
    print(f"\nDispatcher run: {FUTURE:,} future schedules, {DUE} due -> sent {result.sent}, "
          f"items read {reads} (budget <= 2 x {DUE} + {CONSTANT} = {budget}) {'ok' if ok else 'OVER'}  "
          f"({cost.calls} calls)")
    return reads, budget, ok


def _seller(tenant: str):
    from devstack.seed import stable_id
    from shared.auth.principal import build_principal, load_account

    user, company, roles, _ = load_account(tenant, stable_id("user:vendedor@demo.local"))
    return build_principal(user, company, roles, session_id="")


def _clients(seller, count: int):
    from shared.clients import service
    from shared.clients.models import ClientCreate

    return [service.create(seller, ClientCreate(type="pf", first_name=f"Cliente {n}", whatsapp=f"+552199{n:07d}"))
            for n in range(count)]


if __name__ == "__main__":
    report()
