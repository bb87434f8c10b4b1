"""The authorization decision: may this principal use this permission now?"""

from __future__ import annotations

from shared.auth.permissions import (
    ALL_MODULE_LABELS,
    AUTHENTICATED,
    CORE_MODULES,
    MASTER,
    PERMISSIONS,
    PUBLIC,
)
from shared.auth.principal import Principal
from shared.errors import Forbidden

_LABELS = {p.key: p.label for p in PERMISSIONS}
MODULE_OFF = "módulo não contratado"


def check(principal: Principal, permission: str) -> None:
    if permission in (PUBLIC, AUTHENTICATED):
        return
    if permission == MASTER:
        if not principal.is_master:
            raise Forbidden("Acesso restrito à equipe master do Impacte+.")
        return
    if principal.is_master:
        raise Forbidden("A equipe master não acessa dados das empresas por esta área.")
    module = permission.split(":", 1)[0]
    if module not in CORE_MODULES and module not in principal.modules:
        label = ALL_MODULE_LABELS.get(module, module)
        raise Forbidden(f"{label}: {MODULE_OFF} pela sua empresa.")
    if permission not in principal.permissions:
        action = _LABELS.get(permission, permission).lower()
        raise Forbidden(f"Você não tem permissão para {action}.")
