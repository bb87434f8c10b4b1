"""Generated parts of the README (a test keeps them equal to the code).

Usage: python -m devstack.docs   (prints the permission matrix in Markdown)
"""

from __future__ import annotations

from shared.auth.permissions import ALL_MODULE_LABELS, DEFAULT_ROLES, PERMISSIONS, ROLE_LABELS

SCOPE_LABELS = {"own": "próprios", "all": "todos"}


def permission_matrix() -> str:
    roles = list(ROLE_LABELS)
    lines = ["| Módulo | Permissão | " + " | ".join(ROLE_LABELS[r] for r in roles) + " |",
             "|---|---|" + "---|" * len(roles)]
    for perm in PERMISSIONS:
        cells = ["✓" if perm.key in DEFAULT_ROLES[r][0] else "" for r in roles]
        lines.append(f"| {ALL_MODULE_LABELS[perm.module]} | `{perm.key}` {perm.label} | " + " | ".join(cells) + " |")
    scopes = [SCOPE_LABELS[DEFAULT_ROLES[r][1]] for r in roles]
    lines.append("| | **Escopo de dados** (registros) | " + " | ".join(scopes) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(permission_matrix())
