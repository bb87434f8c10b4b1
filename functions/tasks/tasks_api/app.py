"""Tasks function: the team's to-do list (Tarefas), its views and the in-app notifications."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from shared.auth.principal import Principal
from shared.http.app import Page, create_app, lambda_handler, new_router
from shared.http.security import requires
from shared.tasks import service
from shared.tasks.models import Notifications, TaskCreate, TaskPublic, TaskUpdate

router = new_router(prefix="/api/tasks", tags=["tasks"])
Reader = Annotated[Principal, requires("tarefas:read")]
Writer = Annotated[Principal, requires("tarefas:write")]
Id = Annotated[str | None, Query(max_length=40)]


def _one(caller: Principal, task) -> TaskPublic:
    return service.publics(caller, [task])[0]


@router.get("")
def list_tasks(caller: Reader,
               view: Literal["mine", "team", "today", "overdue", "client", "done"] = "mine",
               team: bool = False, client_id: Id = None, owner_id: Id = None,
               cursor: Annotated[str | None, Query(max_length=2000)] = None,
               limit: Annotated[int, Query(ge=1, le=100)] = 50) -> Page[TaskPublic]:
    tasks, next_cursor = service.list_tasks(caller, view=view, team=team, client_id=client_id, owner_id=owner_id,
                                            cursor=cursor, limit=limit)
    return Page(items=service.publics(caller, tasks), next_cursor=next_cursor)


@router.post("", status_code=201)
def create_task(caller: Writer, body: TaskCreate) -> TaskPublic:
    return _one(caller, service.create(caller, body))


@router.get("/notifications")
def task_notifications(caller: Reader) -> Notifications:
    return service.notifications(caller)


@router.get("/{task_id}")
def get_task(caller: Reader, task_id: str) -> TaskPublic:
    return _one(caller, service.get(caller, task_id))


@router.patch("/{task_id}")
def update_task(caller: Writer, task_id: str, body: TaskUpdate) -> TaskPublic:
    return _one(caller, service.update(caller, task_id, body))


@router.post("/{task_id}/complete")
def complete_task(caller: Writer, task_id: str) -> TaskPublic:
    return _one(caller, service.set_status(caller, task_id, "concluida"))


@router.post("/{task_id}/reopen")
def reopen_task(caller: Writer, task_id: str) -> TaskPublic:
    return _one(caller, service.set_status(caller, task_id, "a_fazer"))


@router.post("/{task_id}/cancel")
def cancel_task(caller: Writer, task_id: str) -> TaskPublic:
    return _one(caller, service.set_status(caller, task_id, "cancelada"))


app = create_app(router)
handler = lambda_handler(app)
