"""The client list: search, filters, sort and cursor pagination, without scanning.

Plan (see the README's access patterns):
- `q` -> the company's search terms partition, by prefix (name words, document/phone digits, e-mail);
- `sort=name` -> the same partition's `n:` terms (names in order);
- otherwise one client index chosen by the filters: by owner (GSI3, also the "own records" scope),
  by stage (GSI2) or all (GSI1), the created period as a key condition on any of them.
Remaining filters (origin, tag, stage under the owner index) are filter expressions, and every
filter is checked again on the records read (campaign and custom fields only there).
A page is filled from at most a few reads; the cursor resumes there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from shared import clock, keys
from shared.auth.principal import Principal
from shared.clients import repository, search
from shared.clients.models import ClientRecord
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.table import Table
from shared.text import fold

MAX_READS = 6


@dataclass
class ClientFilters:
    q: str | None = None
    stage: str | None = None
    owner_id: str | None = None
    origin: str | None = None
    campaign: str | None = None
    tag: str | None = None
    created_from: date | None = None
    created_to: date | None = None
    sort: str = "created_desc"
    archived: bool = False
    custom: dict[str, str] = field(default_factory=dict)


def _utc_bound(day: date, *, end: bool) -> str:
    local = datetime.combine(day + timedelta(days=1) if end else day, time.min, tzinfo=clock.SAO_PAULO)
    moment = local - timedelta(milliseconds=1) if end else local
    return clock.iso(moment)


def _matches(client: ClientRecord, f: ClientFilters, principal: Principal) -> bool:
    if f.archived != client.archived:
        return False
    if principal.data_scope != "all" and client.owner_id != principal.user_id:
        return False
    checks = [
        (f.stage, lambda: client.stage == f.stage),
        (f.owner_id, lambda: client.owner_id == f.owner_id),
        (f.origin, lambda: client.origin == f.origin),
        (f.campaign, lambda: fold(client.campaign or "") == fold(f.campaign or "")),
        (f.tag, lambda: fold(f.tag or "") in {fold(t) for t in client.tags}),
        (f.created_from, lambda: client.created_at >= _utc_bound(f.created_from, end=False)),
        (f.created_to, lambda: client.created_at <= _utc_bound(f.created_to, end=True)),
    ]
    if not all(check() for wanted, check in checks if wanted):
        return False
    return all(str(client.custom_fields.get(k, "")) == v for k, v in f.custom.items())


def list_clients(principal: Principal, f: ClientFilters, *, cursor: str | None,
                 limit: int) -> tuple[list[ClientRecord], str | None]:
    assert principal.tenant_id
    if principal.data_scope != "all":
        if f.owner_id and f.owner_id != principal.user_id:
            return [], None  # someone else's clients: nothing this caller may see
        f.owner_id = principal.user_id
    plan = search.plan(f.q) if f.q else None
    if plan or (f.sort == "name" and not f.archived):
        return _via_search(principal, f, plan, cursor=cursor, limit=limit)
    return _via_index(principal, f, cursor=cursor, limit=limit)


def _via_search(principal: Principal, f: ClientFilters, plan: search.SearchPlan | None, *, cursor: str | None,
                limit: int) -> tuple[list[ClientRecord], str | None]:
    tenant = principal.tenant_id or ""
    prefix = plan.prefix if plan else "n:"
    start = decode_cursor(cursor, tenant)
    found: list[ClientRecord] = []
    seen: set[str] = set()
    table = Table()
    for _ in range(MAX_READS):
        page = table.query(keys.search_pk(tenant), sk_prefix=prefix, limit=limit * 2, start_key=start)
        ids = []
        for item in page.items:
            if item["client_id"] in seen or (f.owner_id and item.get("owner_id") != f.owner_id):
                continue
            seen.add(item["client_id"])
            ids.append(item["client_id"])
        by_id = {c.id: c for c in repository.get_many(tenant, ids)}
        for cid in ids:
            client = by_id.get(cid)
            if client and _matches(client, f, principal) and (not plan or search.matches_words(client, plan.words)):
                found.append(client)
        start = page.last_key
        if not start or len(found) >= limit:
            break
    return found, encode_cursor(start, tenant)


def _via_index(principal: Principal, f: ClientFilters, *, cursor: str | None,
               limit: int) -> tuple[list[ClientRecord], str | None]:
    tenant = principal.tenant_id or ""
    if f.archived:
        index, pk = "GSI1", keys.clients_pk(tenant, archived=True)
    elif f.owner_id:
        index, pk = "GSI3", keys.clients_by_owner_pk(tenant, f.owner_id)
    elif f.stage:
        index, pk = "GSI2", keys.clients_by_stage_pk(tenant, f.stage)
    else:
        index, pk = "GSI1", keys.clients_pk(tenant)
    between = None
    if f.created_from or f.created_to:
        low = _utc_bound(f.created_from, end=False) if f.created_from else "0"
        high = (_utc_bound(f.created_to, end=True) if f.created_to else "9999") + "~"
        between = (low, high)
    filter_expression, names, values = _filter_expression(f, index)
    start = decode_cursor(cursor, tenant)
    found: list[ClientRecord] = []
    table = Table()
    for _ in range(MAX_READS):
        page = table.query(pk, index=index, sk_between=between, limit=limit, start_key=start,
                           forward=f.sort == "created_asc", filter_expression=filter_expression,
                           names=names, values=values)
        found += [c for c in map(ClientRecord.from_item, page.items) if _matches(c, f, principal)]
        start = page.last_key
        if not start or len(found) >= limit:
            break
    return found, encode_cursor(start, tenant)


def _filter_expression(f: ClientFilters, index: str) -> tuple[str | None, dict[str, str], dict[str, Any]]:
    parts, names, values = [], {}, {}
    if f.stage and index != "GSI2":
        parts.append("#stage = :stage")
        names["#stage"], values[":stage"] = "stage", f.stage
    if f.origin:
        parts.append("#origin = :origin")
        names["#origin"], values[":origin"] = "origin", f.origin
    if f.tag:
        parts.append("contains(#tags, :tag)")
        names["#tags"], values[":tag"] = "tag_keys", fold(f.tag)
    return (" AND ".join(parts) or None), names, values
