"""Users function: the company's users and the permissions of its roles (Usuários screen)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response

from shared.auth.principal import Principal
from shared.http.app import Page, create_app, lambda_handler, new_router
from shared.http.security import requires
from shared.users import service
from shared.users.models import PasswordReset, RolePublic, RolesPage, RoleUpdate, UserCreate, UserPublic, UserUpdate

router = new_router(prefix="/api", tags=["users"])
Reader = Annotated[Principal, requires("usuarios:read")]
Writer = Annotated[Principal, requires("usuarios:write")]
RoleEditor = Annotated[Principal, requires("usuarios:permissions")]


@router.get("/users")
def list_users(caller: Reader, q: Annotated[str | None, Query(max_length=100)] = None,
               cursor: Annotated[str | None, Query(max_length=2000)] = None,
               limit: Annotated[int, Query(ge=1, le=100)] = 50) -> Page[UserPublic]:
    users, next_cursor = service.list_users(caller, q=q, cursor=cursor, limit=limit)
    return Page(items=[UserPublic.of(u) for u in users], next_cursor=next_cursor)


@router.post("/users", status_code=201)
def create_user(caller: Writer, body: UserCreate) -> UserPublic:
    return UserPublic.of(service.create_user(caller, body))


@router.get("/users/{user_id}")
def get_user(caller: Reader, user_id: str) -> UserPublic:
    return UserPublic.of(service.get_user(caller, user_id))


@router.patch("/users/{user_id}")
def update_user(caller: Writer, user_id: str, body: UserUpdate) -> UserPublic:
    return UserPublic.of(service.update_user(caller, user_id, body))


@router.post("/users/{user_id}/disable")
def disable_user(caller: Writer, user_id: str) -> UserPublic:
    return UserPublic.of(service.set_status(caller, user_id, "disabled"))


@router.post("/users/{user_id}/enable")
def enable_user(caller: Writer, user_id: str) -> UserPublic:
    return UserPublic.of(service.set_status(caller, user_id, "active"))


@router.post("/users/{user_id}/reset-password", status_code=204)
def reset_password(caller: Writer, user_id: str, body: PasswordReset) -> Response:
    service.reset_password(caller, user_id, body.password)
    return Response(status_code=204)


@router.get("/roles")
def list_roles(caller: Reader) -> RolesPage:
    return service.list_roles(caller)


@router.put("/roles/{role}")
def update_role(caller: RoleEditor, role: str, body: RoleUpdate) -> RolePublic:
    return service.update_role(caller, role, body)


@router.post("/roles/{role}/reset")
def reset_role(caller: RoleEditor, role: str) -> RolePublic:
    return service.reset_role(caller, role)


app = create_app(router)
handler = lambda_handler(app)
