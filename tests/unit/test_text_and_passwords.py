import pytest

from shared.auth.passwords import check_password_policy, hash_password, verify_password
from shared.errors import ValidationFailed
from shared.text import fold


def test_fold_removes_accents_case_and_extra_spaces():
    assert fold("  JOSÉ   da Conceição ") == "jose da conceicao"


def test_passwords_are_argon2id_and_verify():
    stored = hash_password("Senha1234")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "Senha1234")
    assert not verify_password(stored, "senha1234")
    assert not verify_password(None, "Senha1234")
    assert not verify_password("lixo", "Senha1234")


@pytest.mark.parametrize("bad", ["curta1", "semnumeros", "12345678", "x" * 129])
def test_password_policy(bad):
    with pytest.raises(ValidationFailed):
        check_password_policy(bad)
