"""PIX BR Code parsing and CRC, against the vectors in providers.md."""

import pytest

from shared.charges import pix

V1 = ("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
      "5913Fulano de Tal6008BRASILIA62070503***63041D3D")
V2 = ("00020126330014BR.GOV.BCB.PIX01115794666323452040000530398654041.005802BR"
      "5925CLENILTON CRUZ DE ALENCAR6006MANAUS62070503***6304FA88")
V3 = ("00020126730014br.gov.bcb.pix0136e57b119f-3f91-4734-93f0-29d6a9c02b0a0211CestaLivres"
      "520400005303986540522.005802BR5913Milena Savini6009Sao Paulo622605221wDQuczihqxiuSkkkLu0aS63040EA9")


def test_crc16_check_value():
    assert pix.crc16("123456789") == "29B1"
    assert pix.crc16("") == "FFFF"  # init value, nothing fed


@pytest.mark.parametrize(("code", "crc"), [(V1, "1D3D"), (V2, "FA88"), (V3, "0EA9")])
def test_vectors_crc_and_valid(code, crc):
    assert pix.crc16(code[:-4]) == crc
    assert pix.is_valid_emv(code)


def test_parse_static_key_without_amount():
    got = pix.parse(V1)
    assert got["payload_format"] == "01"
    assert got["point_of_initiation"] is None
    assert got["merchant_account"]["gui"] == "br.gov.bcb.pix"
    assert got["merchant_account"]["key"] == "123e4567-e12b-12d1-a456-426655440000"
    assert got["merchant_account"]["url"] is None
    assert got["merchant_category_code"] == "0000"
    assert got["currency"] == "986"
    assert got["amount"] is None and got["amount_cents"] is None
    assert got["country"] == "BR"
    assert got["merchant_name"] == "Fulano de Tal"
    assert got["merchant_city"] == "BRASILIA"
    assert got["txid"] == "***"
    assert got["crc"] == "1D3D"
    assert list(got["fields"]) == ["00", "26", "52", "53", "58", "59", "60", "62", "63"]


def test_parse_uppercase_gui_and_amount():
    got = pix.parse(V2)
    assert got["merchant_account"]["key"] == "57946663234"
    assert got["amount"] == "1.00"
    assert got["amount_cents"] == 100
    assert got["merchant_name"] == "CLENILTON CRUZ DE ALENCAR"
    assert got["merchant_city"] == "MANAUS"


def test_parse_info_and_txid():
    got = pix.parse(V3)
    assert got["merchant_account"]["key"] == "e57b119f-3f91-4734-93f0-29d6a9c02b0a"
    assert got["merchant_account"]["info"] == "CestaLivres"
    assert got["amount_cents"] == 2200
    assert got["merchant_city"] == "Sao Paulo"
    assert got["txid"] == "1wDQuczihqxiuSkkkLu0aS"


def test_surrounding_whitespace_is_ignored():
    assert pix.parse(f"  {V1}\n")["crc"] == "1D3D"


@pytest.mark.parametrize("code", [V1, V2, V3])
def test_every_single_character_change_fails(code):
    for i in range(len(code)):
        replacement = "0" if code[i] != "0" else "1"
        tampered = code[:i] + replacement + code[i + 1:]
        assert not pix.is_valid_emv(tampered), i


def test_tampered_name_message_in_portuguese():
    tampered = V1.replace("Fulano", "Fulana")
    with pytest.raises(pix.InvalidPixCode) as exc:
        pix.parse(tampered)
    assert isinstance(exc.value, ValueError)
    assert "CRC não confere" in exc.value.detail
    assert exc.value.field == "emv"


def test_lowercase_crc_is_refused():
    assert not pix.is_valid_emv(V3[:-4] + "0ea9")


def test_truncated_code_fails():
    assert not pix.is_valid_emv(V1[:-1])
    assert not pix.is_valid_emv(V1[:40])


@pytest.mark.parametrize("bad", ["", "   ", None, "hello", "000201"])
def test_garbage_is_refused(bad):
    with pytest.raises(pix.InvalidPixCode):
        pix.parse(bad)


def test_append_crc_reproduces_the_vector():
    assert pix.append_crc(V1[:-8]) == V1


# Structural errors behind a correct CRC: built with append_crc so only the structure is wrong.
def _body(code):
    return code[:-8]


def test_length_overrun_behind_valid_crc():
    # the name field claims 99 characters: the TLV walk must stop at the end instead of reading past it
    body = _body(V1).replace("5913Fulano de Tal", "5999Fulano de Tal")
    with pytest.raises(pix.InvalidPixCode, match="declara 99 caracteres"):
        pix.parse(pix.append_crc(body))


def test_missing_city_behind_valid_crc():
    body = _body(V1).replace("6008BRASILIA", "")
    with pytest.raises(pix.InvalidPixCode, match=r"cidade do recebedor \(60\)"):
        pix.parse(pix.append_crc(body))


def test_wrong_gui_behind_valid_crc():
    body = _body(V1).replace("0014br.gov.bcb.pix", "0014br.gov.bcb.xyz")
    with pytest.raises(pix.InvalidPixCode, match=r"br\.gov\.bcb\.pix"):
        pix.parse(pix.append_crc(body))


def test_wrong_currency_behind_valid_crc():
    body = _body(V1).replace("5303986", "5303840")
    with pytest.raises(pix.InvalidPixCode, match="986"):
        pix.parse(pix.append_crc(body))


def test_duplicated_field_behind_valid_crc():
    body = _body(V1).replace("5802BR", "5802BR5802BR")
    with pytest.raises(pix.InvalidPixCode, match="mais de uma vez"):
        pix.parse(pix.append_crc(body))


def test_bad_amount_behind_valid_crc():
    body = _body(V2).replace("54041.00", "54041,00")
    with pytest.raises(pix.InvalidPixCode, match=r"valor \(54\)"):
        pix.parse(pix.append_crc(body))


@pytest.mark.parametrize(("amount", "cents"), [("1", 100), ("1.5", 150), ("0.01", 1), ("1234.56", 123456)])
def test_amount_forms(amount, cents):
    body = _body(V1).replace("5802BR", f"54{len(amount):02d}{amount}5802BR")
    assert pix.parse(pix.append_crc(body))["amount_cents"] == cents


def test_url_instead_of_key_is_accepted():
    url = "qr.example.com/v2/abc"
    account = f"0014br.gov.bcb.pix25{len(url):02d}{url}"
    body = f"00020101021226{len(account):02d}{account}52040000530398654045.005802BR5903ABC6005SAMPA62070503***"
    got = pix.parse(pix.append_crc(body))
    assert got["point_of_initiation"] == "12"
    assert got["merchant_account"]["url"] == url
    assert got["merchant_account"]["key"] is None
    assert got["amount_cents"] == 500
