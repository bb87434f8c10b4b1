"""Storage of users: the user item, its e-mail guard and the company's user counter move together."""

from __future__ import annotations

from shared import clock, keys
from shared.db.table import Table, TransactionFailed, TransactOp
from shared.errors import Conflict, NotFound, ValidationFailed
from shared.users.models import UserRecord

EMAIL_IN_USE = "Este e-mail já está em uso por outro usuário."
LIMIT_REACHED = ("O limite de usuários ativos do plano da empresa foi atingido. "
                 "Desative um usuário ou peça a mudança de plano.")
NOT_FOUND = "Usuário não encontrado."


def guard_item(user: UserRecord) -> dict:
    return {**keys.email_guard(user.email), "user_id": user.id, "tenant_id": user.tenant_id}


def insert_ops(user: UserRecord) -> list[TransactOp]:
    """Put the user and claim its e-mail (index 0 and 1 of the transaction)."""
    return [
        TransactOp("Put", item=user.to_item(), condition="attribute_not_exists(PK)"),
        TransactOp("Put", item=guard_item(user), condition="attribute_not_exists(PK)"),
    ]


def count_active_op(tenant_id: str, delta: int) -> TransactOp:
    """Change the company's active-user counter; growing it must stay within the plan's limit."""
    if delta > 0:
        return TransactOp("Update", key=keys.tenant(tenant_id), update="SET user_count = user_count + :d",
                          condition="attribute_exists(PK) AND user_count < user_limit", values={":d": delta})
    return TransactOp("Update", key=keys.tenant(tenant_id), update="SET user_count = user_count + :d",
                      condition="attribute_exists(PK)", values={":d": delta})


def insert(user: UserRecord) -> None:
    assert user.tenant_id
    try:
        Table().transact([*insert_ops(user), count_active_op(user.tenant_id, +1)])
    except TransactionFailed as exc:
        raise_for(exc, email_at=1, limit_at=2)


def raise_for(exc: TransactionFailed, *, email_at: int | None = None, limit_at: int | None = None,
              changed_at: int | None = None) -> None:
    if email_at is not None and exc.failed_at(email_at):
        raise Conflict(EMAIL_IN_USE, field="email") from exc
    if limit_at is not None and exc.failed_at(limit_at):
        raise ValidationFailed(LIMIT_REACHED) from exc
    if changed_at is not None and exc.failed_at(changed_at):
        raise Conflict("Este usuário foi alterado por outra pessoa. Recarregue e tente de novo.") from exc
    raise exc


def get(tenant_id: str, user_id: str) -> UserRecord:
    from shared.ids import is_valid_id

    item = Table().get(keys.user(tenant_id, user_id)) if is_valid_id(user_id) else None
    if not item:
        raise NotFound(NOT_FOUND)
    return UserRecord.from_item(item)


def replace(old: UserRecord, new: UserRecord) -> UserRecord:
    """Write `new` over `old` (optimistic: fails if someone else changed it meanwhile).

    Moves the e-mail guard when the e-mail changes and the active counter when the status does.
    """
    new = new.model_copy(update={"updated_at": clock.now_iso()})
    ops = [TransactOp("Put", item=new.to_item(), condition="updated_at = :prev",
                      values={":prev": old.updated_at})]
    email_at = None
    if new.email != old.email:
        ops.append(TransactOp("Delete", key=keys.email_guard(old.email), condition="user_id = :uid",
                              values={":uid": old.id}))
        email_at = len(ops)
        ops.append(TransactOp("Put", item=guard_item(new), condition="attribute_not_exists(PK)"))
    limit_at = None
    if new.status != old.status and new.tenant_id:
        limit_at = len(ops)
        ops.append(count_active_op(new.tenant_id, +1 if new.status == "active" else -1))
    try:
        Table().transact(ops)
    except TransactionFailed as exc:
        raise_for(exc, email_at=email_at, limit_at=limit_at if new.status == "active" else None, changed_at=0)
    return new


def names(tenant_id: str) -> dict[str, str]:
    """Every user of the company, id -> name (a company has at most its plan's user limit)."""
    items = Table().query_all(keys.users_of_tenant_pk(tenant_id), index="GSI1")
    return {i["id"]: i["name"] for i in items}
