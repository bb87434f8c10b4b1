"""Modules, permissions (`module:action`) and the default role matrix.

A company's plan switches modules on; a role grants permissions inside them; a data scope says
whether the role sees only its own records or all of the company's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DataScope = Literal["own", "all"]

# Areas of the product that a plan can include (key -> pt-BR label), in menu order.
MODULES: dict[str, str] = {
    "dashboard": "Dashboard",
    "clientes": "Clientes",
    "funil": "Funil",
    "whatsapp": "WhatsApp",
    "agendamentos": "Agendamentos",
    "tarefas": "Tarefas",
    "financeiro": "Financeiro",
    "cobrancas": "Cobranças",
    "documentos": "Documentos",
    "ia": "IA",
    "radar": "Radar de Venda",
    "relatorios": "Relatórios",
    "integracoes": "Integrações",
    "suporte": "Suporte",
}

# Areas every company has whatever its plan.
CORE_MODULES: dict[str, str] = {"usuarios": "Usuários e permissões"}

ALL_MODULE_LABELS = {**MODULES, **CORE_MODULES}


@dataclass(frozen=True)
class PermissionInfo:
    key: str
    label: str

    @property
    def module(self) -> str:
        return self.key.split(":", 1)[0]


def _p(key: str, label: str) -> PermissionInfo:
    return PermissionInfo(key, label)


PERMISSIONS: tuple[PermissionInfo, ...] = (
    _p("dashboard:read", "Ver o Dashboard"),
    _p("clientes:read", "Ver clientes"),
    _p("clientes:write", "Cadastrar e editar clientes"),
    _p("clientes:delete", "Arquivar clientes"),
    _p("clientes:import", "Importar clientes"),
    _p("clientes:export", "Exportar clientes"),
    _p("clientes:merge", "Unir clientes duplicados"),
    _p("clientes:lgpd", "Exportar e anonimizar dados (LGPD)"),
    _p("clientes:settings", "Configurar campos personalizados"),
    _p("funil:read", "Ver o funil"),
    _p("funil:write", "Mover e editar cards"),
    _p("funil:settings", "Configurar etapas e motivos de perda"),
    _p("whatsapp:read", "Ver conversas"),
    _p("whatsapp:write", "Responder conversas"),
    _p("whatsapp:assign", "Atribuir conversas"),
    _p("agendamentos:read", "Ver agendamentos"),
    _p("agendamentos:write", "Criar e editar agendamentos"),
    _p("tarefas:read", "Ver tarefas"),
    _p("tarefas:write", "Criar e editar tarefas"),
    _p("tarefas:team", "Ver tarefas da equipe"),
    _p("financeiro:read", "Ver catálogo e financeiro"),
    _p("financeiro:write", "Editar catálogo"),
    _p("cobrancas:read", "Ver cobranças"),
    _p("cobrancas:write", "Criar e cancelar cobranças"),
    _p("documentos:read", "Ver documentos"),
    _p("documentos:write", "Gerar e enviar documentos"),
    _p("documentos:templates", "Editar modelos de documento"),
    _p("ia:read", "Ver análises da IA"),
    _p("ia:write", "Aplicar sugestões da IA"),
    _p("radar:read", "Ver o Radar de Venda"),
    _p("radar:write", "Aplicar sugestões do Radar"),
    _p("relatorios:read", "Ver relatórios"),
    _p("integracoes:read", "Ver integrações"),
    _p("integracoes:write", "Configurar integrações"),
    _p("suporte:read", "Ver chamados de suporte"),
    _p("suporte:write", "Abrir e responder chamados"),
    _p("usuarios:read", "Ver usuários"),
    _p("usuarios:write", "Criar, editar e desativar usuários"),
    _p("usuarios:permissions", "Ajustar permissões dos papéis"),
    _p("usuarios:empresa", "Editar os dados da empresa"),
)

PERMISSION_KEYS: frozenset[str] = frozenset(p.key for p in PERMISSIONS)

# Pseudo-permissions that routes may declare instead of a `module:action`.
PUBLIC = "public"  # no login (login itself, health, signed webhooks)
AUTHENTICATED = "authenticated"  # any logged-in person (their own profile, password change)
MASTER = "master"  # SaaS staff only

ROLE_LABELS: dict[str, str] = {
    "administrador": "Administrador",
    "gerente": "Gerente",
    "financeiro": "Financeiro",
    "vendedor": "Vendedor",
    "atendente": "Atendente",
    "suporte": "Suporte",
}
MASTER_ROLE = "master"
MASTER_ROLE_LABEL = "Master"


def _all(*modules: str) -> set[str]:
    return {p.key for p in PERMISSIONS if p.module in modules}


def _only(*keys: str) -> set[str]:
    unknown = set(keys) - PERMISSION_KEYS
    assert not unknown, unknown
    return set(keys)


_EVERYTHING = set(PERMISSION_KEYS)

DEFAULT_ROLES: dict[str, tuple[frozenset[str], DataScope]] = {
    "administrador": (frozenset(_EVERYTHING), "all"),
    "gerente": (
        frozenset(_EVERYTHING - _only("usuarios:write", "usuarios:permissions", "usuarios:empresa",
                                      "integracoes:write", "clientes:lgpd", "clientes:settings")),
        "all",
    ),
    "financeiro": (
        frozenset(
            _all("financeiro", "cobrancas", "documentos", "relatorios")
            | _only("dashboard:read", "clientes:read", "clientes:export", "funil:read",
                    "agendamentos:read", "agendamentos:write", "tarefas:read", "tarefas:write",
                    "suporte:read", "suporte:write", "integracoes:read")
        ),
        "all",
    ),
    "vendedor": (
        frozenset(
            _only("dashboard:read", "clientes:read", "clientes:write", "funil:read", "funil:write",
                  "whatsapp:read", "whatsapp:write", "agendamentos:read", "agendamentos:write",
                  "tarefas:read", "tarefas:write", "financeiro:read", "cobrancas:read",
                  "documentos:read", "documentos:write", "ia:read", "ia:write", "radar:read",
                  "suporte:read", "suporte:write")
        ),
        "own",
    ),
    "atendente": (
        frozenset(
            _only("dashboard:read", "clientes:read", "clientes:write", "funil:read", "whatsapp:read",
                  "whatsapp:write", "agendamentos:read", "agendamentos:write", "tarefas:read",
                  "tarefas:write", "suporte:read", "suporte:write")
        ),
        "own",
    ),
    "suporte": (
        frozenset(
            _only("dashboard:read", "clientes:read", "whatsapp:read", "whatsapp:write",
                  "whatsapp:assign", "tarefas:read", "tarefas:write", "suporte:read", "suporte:write")
        ),
        "all",
    ),
}

ROLES: tuple[str, ...] = tuple(ROLE_LABELS)


def role_label(role: str) -> str:
    return MASTER_ROLE_LABEL if role == MASTER_ROLE else ROLE_LABELS.get(role, role)


def effective_role(role: str, overrides: dict | None) -> tuple[frozenset[str], DataScope, bool]:
    """The permissions and data scope of `role` in a company, and whether the company customised it."""
    custom = (overrides or {}).get(role)
    if custom:
        perms = frozenset(p for p in custom.get("permissions", []) if p in PERMISSION_KEYS)
        return perms, custom.get("data_scope", "own"), True
    perms, scope = DEFAULT_ROLES[role]
    return perms, scope, False


def effective_modules(plan_modules: list[str] | None, module_overrides: dict[str, bool] | None) -> frozenset[str]:
    enabled = set(plan_modules or [])
    for module, on in (module_overrides or {}).items():
        if on:
            enabled.add(module)
        else:
            enabled.discard(module)
    return frozenset(m for m in enabled if m in MODULES) | frozenset(CORE_MODULES)
