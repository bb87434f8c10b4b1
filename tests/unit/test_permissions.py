from shared.auth.permissions import (
    DEFAULT_ROLES,
    MODULES,
    PERMISSION_KEYS,
    PERMISSIONS,
    ROLES,
    effective_modules,
    effective_role,
)


def test_every_permission_belongs_to_a_known_module():
    for p in PERMISSIONS:
        assert p.module in MODULES or p.module == "usuarios", p.key
        assert p.label


def test_administrador_has_everything_and_sees_all():
    perms, scope = DEFAULT_ROLES["administrador"]
    assert perms == PERMISSION_KEYS and scope == "all"


def test_default_matrix_keeps_user_admin_to_the_administrador():
    for role in ROLES:
        perms, _ = DEFAULT_ROLES[role]
        assert ("usuarios:write" in perms) is (role == "administrador"), role
        assert ("usuarios:permissions" in perms) is (role == "administrador"), role


def test_sellers_and_attendants_see_their_own_records():
    assert DEFAULT_ROLES["vendedor"][1] == "own"
    assert DEFAULT_ROLES["atendente"][1] == "own"
    assert DEFAULT_ROLES["gerente"][1] == "all"


def test_company_customisation_replaces_the_default_and_drops_unknown_keys():
    perms, scope, custom = effective_role("vendedor", {"vendedor": {"permissions": ["clientes:read", "x:y"],
                                                                    "data_scope": "all"}})
    assert perms == {"clientes:read"} and scope == "all" and custom
    perms, scope, custom = effective_role("vendedor", {})
    assert perms == DEFAULT_ROLES["vendedor"][0] and not custom


def test_module_overrides_switch_plan_modules():
    modules = effective_modules(["dashboard", "clientes"], {"clientes": False, "funil": True, "nada": True})
    assert "clientes" not in modules and "funil" in modules and "dashboard" in modules
    assert "nada" not in modules
    assert "usuarios" in modules  # always on
