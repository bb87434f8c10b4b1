import pytest

from shared.br.address import mask_cep, normalize_cep
from shared.br.documents import is_valid_cnpj, is_valid_cpf, mask_document
from shared.br.phones import InvalidPhone, format_phone, normalize_phone


@pytest.mark.parametrize("cpf", ["529.982.247-25", "52998224725", "111.444.777-35"])
def test_valid_cpfs(cpf):
    assert is_valid_cpf(cpf)


@pytest.mark.parametrize("cpf", ["529.982.247-24", "111.111.111-11", "1234567890", "abc", ""])
def test_invalid_cpfs(cpf):
    assert not is_valid_cpf(cpf)


@pytest.mark.parametrize("cnpj", ["11.222.333/0001-81", "12.ABC.345/01DE-35", "12abc34501de35"])
def test_valid_cnpjs_numeric_and_alphanumeric(cnpj):
    assert is_valid_cnpj(cnpj)


@pytest.mark.parametrize("cnpj", ["11.222.333/0001-80", "00.000.000/0000-00", "12.ABC.345/01DE-36", "12ABC34501DEAB"])
def test_invalid_cnpjs(cnpj):
    assert not is_valid_cnpj(cnpj)


def test_masks():
    assert mask_document("52998224725") == "529.982.247-25"
    assert mask_document("12ABC34501DE35") == "12.ABC.345/01DE-35"
    assert mask_cep("01310100") == "01310-100"
    assert normalize_cep("01310-100") == "01310100"
    with pytest.raises(ValueError):
        normalize_cep("0131")


@pytest.mark.parametrize(("raw", "e164"), [
    ("(11) 98765-4321", "+5511987654321"),
    ("(11) 8765-4321", "+5511987654321"),  # old mobile without the ninth digit
    ("551187654321", "+5511987654321"),  # WhatsApp id without the ninth digit
    ("+55 (21) 3456-7890", "+552134567890"),  # landline keeps 8 digits
    ("011 98765-4321", "+5511987654321"),
    ("+1 650 253 0000", "+16502530000"),
])
def test_phone_normalization(raw, e164):
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize("raw", ["", "123", "(00) 98765-4321", "abc"])
def test_invalid_phones(raw):
    with pytest.raises(InvalidPhone):
        normalize_phone(raw)


def test_phone_display():
    assert format_phone("+5511987654321") == "(11) 98765-4321"
    assert format_phone("+552134567890") == "(21) 3456-7890"
