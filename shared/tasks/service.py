"""Task use cases: create, edit, complete/reopen/cancel, the views, notifications, overdue count."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from shared import clock, keys
from shared.auth.principal import Principal
from shared.clients import service as client_service
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.table import Table, TransactionFailed, TransactOp
from shared.errors import Conflict, Forbidden, NotFound, ValidationFailed
from shared.ids import is_valid_id, new_id
from shared.tasks.models import Notifications, TaskCreate, TaskPublic, TaskRecord, TaskUpdate
from shared.timeline import event_op, new_event
from shared.users.repository import names as user_names

NOT_FOUND = "Tarefa não encontrada."
VIEWS = ("mine", "team", "today", "overdue", "client", "done")


def sees_team(principal: Principal) -> bool:
    return principal.data_scope == "all" or "tarefas:team" in principal.permissions


def _visible(principal: Principal, task: TaskRecord) -> bool:
    return sees_team(principal) or principal.user_id in (task.owner_id, task.created_by)


def _day(iso: str) -> str:
    return clock.to_local(datetime.fromisoformat(iso)).date().isoformat()


def _stats_op(tenant_id: str, old: TaskRecord | None, new: TaskRecord) -> TransactOp | None:
    """Open tasks per deadline day, company-wide and per owner (derived from both versions)."""
    delta: dict[str, int] = defaultdict(int)
    for task, sign in ((old, -1), (new, +1)):
        if task is not None and task.is_open:
            day = _day(task.due_at)
            delta[f"open:{day}"] += sign
            delta[f"open:{day}@{task.owner_id}"] += sign
    changes = {k: v for k, v in delta.items() if v}
    if not changes:
        return None
    names = {f"#a{i}": k for i, k in enumerate(changes)}
    values = {f":a{i}": v for i, v in enumerate(changes.values())}
    return TransactOp("Update", key=keys.task_stats(tenant_id),
                      update="ADD " + ", ".join(f"#a{i} :a{i}" for i in range(len(changes))),
                      names=names, values=values)


def _save(principal: Principal, old: TaskRecord | None, new: TaskRecord, kind: str | None) -> TaskRecord:
    if old is None:
        ops = [TransactOp("Put", item=new.to_item(), condition="attribute_not_exists(PK)")]
    else:
        new = new.model_copy(update={"version": old.version + 1})
        ops = [TransactOp("Put", item=new.to_item(), condition="version = :v", values={":v": old.version})]
    if stats := _stats_op(new.tenant_id, old, new):
        ops.append(stats)
    if kind and new.client_id:
        ops.append(event_op(new_event(new.tenant_id, new.client_id, kind, client_service.actor(principal),
                                      text=new.title, data={"task_id": new.id, "due_at": new.due_at,
                                                            "status": new.status})))
    try:
        Table().transact(ops)
    except TransactionFailed as exc:
        if exc.failed_at(0):
            raise Conflict("Esta tarefa foi alterada por outra pessoa. Recarregue e tente de novo.") from exc
        raise
    return new


def _check_owner(principal: Principal, owner_id: str) -> None:
    if owner_id != principal.user_id and not sees_team(principal):
        raise Forbidden("Você só pode criar tarefas para você mesmo.")
    item = Table().get(keys.user(principal.tenant_id or "", owner_id)) if is_valid_id(owner_id) else None
    if not item or item.get("status") != "active":
        raise ValidationFailed("Responsável não encontrado ou desativado.", field="owner_id")


def _link(principal: Principal, client_id: str | None, card_id: str | None) -> tuple[str | None, str | None]:
    if not client_id and not card_id:
        return None, None
    if client_id:
        client = client_service.get(principal, client_id)  # 404 for another company / another seller's
    else:
        from shared.funnel.service import _card_client

        client = _card_client(principal, card_id or "")
    if card_id and card_id != client.card_id:
        raise ValidationFailed("O card não pertence a este cliente.", field="card_id")
    return client.id, client.card_id


def create(principal: Principal, data: TaskCreate) -> TaskRecord:
    owner_id = data.owner_id or principal.user_id
    _check_owner(principal, owner_id)
    client_id, card_id = _link(principal, data.client_id, data.card_id)
    now = clock.now_iso()
    task = TaskRecord(id=new_id(), tenant_id=principal.tenant_id or "", title=data.title, notes=data.notes,
                      owner_id=owner_id, due_at=clock.iso(data.due_at), due_has_time=data.due_has_time,
                      priority=data.priority, client_id=client_id, card_id=card_id, created_by=principal.user_id,
                      created_at=now, updated_at=now)
    task = _save(principal, None, task, "task_created")
    if data.set_as_next_step and card_id:
        from shared.funnel import service as funnel
        from shared.funnel.models import CardUpdate

        funnel.apply(principal, card_id, CardUpdate(next_step=task.title,
                                                    next_step_due=clock.to_local(data.due_at).date()))
    return task


def get(principal: Principal, task_id: str) -> TaskRecord:
    item = Table().get(keys.task(principal.tenant_id or "", task_id)) if is_valid_id(task_id) else None
    if not item:
        raise NotFound(NOT_FOUND)
    task = TaskRecord.from_item(item)
    if not _visible(principal, task):
        raise NotFound(NOT_FOUND)
    return task


def update(principal: Principal, task_id: str, data: TaskUpdate) -> TaskRecord:
    old = get(principal, task_id)
    sent = data.model_dump(exclude_unset=True)
    changes: dict = {}
    if "owner_id" in sent and sent["owner_id"] != old.owner_id:
        if not sent["owner_id"]:
            raise ValidationFailed("Informe o responsável.", field="owner_id")
        _check_owner(principal, sent["owner_id"])
        changes["owner_id"] = sent["owner_id"]
    if "client_id" in sent or "card_id" in sent:
        client_id, card_id = _link(principal, sent.get("client_id", old.client_id), sent.get("card_id"))
        changes |= {"client_id": client_id, "card_id": card_id}
    for field in ("title", "due_has_time", "priority"):
        if sent.get(field) is not None:
            changes[field] = sent[field]
    if "notes" in sent:  # null clears the notes
        changes["notes"] = sent["notes"]
    if sent.get("due_at") is not None:
        changes["due_at"] = clock.iso(sent["due_at"])
    kind = "task_updated"
    if sent.get("status") and sent["status"] != old.status:
        changes |= _status_changes(sent["status"])
        kind = {"concluida": "task_completed", "cancelada": "task_cancelled"}.get(sent["status"], "task_reopened")
    if not changes:
        return old
    new = old.model_copy(update={**changes, "updated_at": clock.now_iso()})
    return _save(principal, old, TaskRecord.model_validate(new.model_dump()), kind)


def _status_changes(status: str) -> dict:
    return {"status": status, "completed_at": clock.now_iso() if status in ("concluida", "cancelada") else None}


def set_status(principal: Principal, task_id: str, status: str) -> TaskRecord:
    return update(principal, task_id, TaskUpdate(status=status))


# --- views ---------------------------------------------------------------------------------------

def _day_bounds(day: date) -> tuple[str, str]:
    start = datetime.combine(day, time.min, tzinfo=clock.SAO_PAULO)
    return clock.iso(start), clock.iso(start + timedelta(days=1) - timedelta(milliseconds=1)) + "~"


def list_tasks(principal: Principal, *, view: str, team: bool, client_id: str | None, owner_id: str | None,
               cursor: str | None, limit: int) -> tuple[list[TaskRecord], str | None]:
    """`team` widens today/overdue from the caller's tasks to the whole team's."""
    tenant = principal.tenant_id or ""
    if view not in VIEWS:
        raise ValidationFailed(f"Visão inválida (use {', '.join(VIEWS)}).", field="view")
    team = view == "team" or (team and view in ("today", "overdue"))
    if team and not sees_team(principal):
        raise Forbidden("Você não tem permissão para ver as tarefas da equipe.")
    owner = owner_id if (owner_id and sees_team(principal)) else principal.user_id
    query: dict = {"limit": limit, "start_key": decode_cursor(cursor, tenant)}
    if view == "client":
        if not client_id:
            raise ValidationFailed("Informe o cliente.", field="client_id")
        client_service.get(principal, client_id)
        query |= {"index": "GSI3", "pk": keys.tasks_by_client_pk(tenant, client_id)}
    elif view == "done":
        query |= {"index": "GSI1", "pk": keys.tasks_by_owner_pk(tenant, owner, "CLOSED"), "forward": False}
    elif team:
        query |= {"index": "GSI2", "pk": keys.tasks_pk(tenant)}
    else:
        query |= {"index": "GSI1", "pk": keys.tasks_by_owner_pk(tenant, owner)}
    if view == "today":
        query["sk_between"] = _day_bounds(clock.to_local(clock.now()).date())
    elif view == "overdue":
        query["sk_before"] = clock.now_iso()
    pk = query.pop("pk")
    page = Table().query(pk, **query)
    tasks = [t for t in map(TaskRecord.from_item, page.items) if _visible(principal, t)]
    return tasks, encode_cursor(page.last_key, tenant)


def publics(principal: Principal, tasks: list[TaskRecord]) -> list[TaskPublic]:
    from shared.clients.repository import get_many

    tenant = principal.tenant_id or ""
    names = user_names(tenant)
    client_ids = sorted({t.client_id for t in tasks if t.client_id})
    clients = {c.id: c.display_name for c in get_many(tenant, client_ids)}
    now = clock.now_iso()
    return [TaskPublic.of(t, now_iso=now, owner_names=names, client_names=clients) for t in tasks]


def notifications(principal: Principal) -> Notifications:
    """The caller's open tasks that are overdue or due in the next 24 hours."""
    tenant = principal.tenant_id or ""
    horizon = clock.iso(clock.now() + timedelta(hours=24))
    page = Table().query(keys.tasks_by_owner_pk(tenant, principal.user_id), index="GSI1", sk_before=horizon,
                         limit=50)
    tasks = publics(principal, [TaskRecord.from_item(i) for i in page.items])
    overdue = [t for t in tasks if t.overdue]
    soon = [t for t in tasks if not t.overdue]
    return Notifications(overdue=overdue, due_soon=soon, count=len(tasks))


def overdue_count(tenant_id: str, owner_id: str | None) -> int:
    """From the per-day counters (kept on write): every open task due before today, plus today's whose
    time has passed (one small query of today's open tasks)."""
    stats = Table().get(keys.task_stats(tenant_id)) or {}
    today = clock.to_local(clock.now()).date().isoformat()
    suffix = f"@{owner_id}" if owner_id else ""
    total = 0
    for name, value in stats.items():
        if not name.startswith("open:") or ("@" in name) != bool(owner_id) or not name.endswith(suffix):
            continue
        day = name[5:15]
        if day < today:
            total += int(value)
    pk = keys.tasks_by_owner_pk(tenant_id, owner_id) if owner_id else keys.tasks_pk(tenant_id)
    start, _ = _day_bounds(clock.to_local(clock.now()).date())
    today_due = Table().query(pk, index="GSI1" if owner_id else "GSI2", sk_between=(start, clock.now_iso()))
    return total + len(today_due.items)

