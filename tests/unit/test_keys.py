import pytest

from shared import keys
from shared.ids import new_id


def test_tenant_keys_end_the_tenant_with_a_separator():
    a = new_id()
    assert keys.tenant(a).pk.startswith(f"T#{a}#")
    assert keys.user(a, new_id()).pk.startswith(f"T#{a}#")
    assert keys.users_of_tenant_pk(a).startswith(f"T#{a}#")
    assert keys.tenant_roles(a).pk.startswith(f"T#{a}#")


def test_a_tenant_prefix_never_matches_a_longer_tenant_id():
    short = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
    user_key = keys.user(short, new_id()).pk
    assert not user_key.startswith(f"T#{short[:-1]}#")


@pytest.mark.parametrize("bad", ["", "acme", "T#x", "01ARZ3NDEKTSV4RRFFQ69G5FA#", "01arz3ndektsv4rrffq69g5fav"])
def test_keys_refuse_anything_but_a_ulid(bad):
    with pytest.raises(ValueError):
        keys.tenant(bad)
    with pytest.raises(ValueError):
        keys.user(bad if bad else "x", "y")


def test_master_users_and_lookups_live_outside_tenants():
    uid = new_id()
    assert keys.user(None, uid).pk == f"P#USER#{uid}"
    assert keys.email_guard("a@b.com").pk == "G#EMAIL#a@b.com"
    assert "a@b.com" not in keys.login_attempts("a@b.com").pk
