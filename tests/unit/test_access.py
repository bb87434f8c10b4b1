import pytest

from shared.auth.access import check
from shared.auth.principal import Principal
from shared.errors import Forbidden


def principal(**overrides):
    base = dict(user_id="U", tenant_id="T", session_id="S", role="vendedor", name="V", email="v@x.com",
                permissions=frozenset({"clientes:read"}), data_scope="own",
                modules=frozenset({"clientes", "usuarios"}), is_master=False)
    return Principal(**{**base, **overrides})


def test_permission_and_module_on_passes():
    check(principal(), "clientes:read")


def test_module_off_is_refused_with_the_contract_message():
    with pytest.raises(Forbidden, match="módulo não contratado"):
        check(principal(modules=frozenset({"usuarios"})), "clientes:read")


def test_missing_permission_is_refused_in_portuguese():
    with pytest.raises(Forbidden, match="Você não tem permissão para cadastrar e editar clientes"):
        check(principal(), "clientes:write")


def test_master_only_reaches_master_routes():
    master = principal(is_master=True, tenant_id=None, role="master", permissions=frozenset(), modules=frozenset())
    check(master, "master")
    with pytest.raises(Forbidden):
        check(master, "clientes:read")
    with pytest.raises(Forbidden):
        check(principal(), "master")


def test_authorizer_context_round_trip():
    p = principal()
    assert Principal.from_context(p.to_context()) == p
