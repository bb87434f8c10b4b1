"""Boleto barcode / linha digitável, against the vectors in providers.md."""

from datetime import date

import pytest

from shared.charges import boleto

LINE1 = "10490.05539 03698.700006 00091.449587 5 55490000028531"
BAR1 = "10495554900000285310055303698700000009144958"
LINE2 = "34198.85912 01354.522771 90199.970006 7 55100000500000"
BAR2 = "34197551000005000008859101354522779019997000"
BAD_GENERAL_DV = "23793.44308 90010.000041 33001.250001 3 52830000008091"


def _digits(text):
    return "".join(c for c in text if c.isdigit())


@pytest.mark.parametrize(("line", "bar"), [(LINE1, BAR1), (LINE2, BAR2)])
def test_vectors_convert_both_ways(line, bar):
    assert boleto.is_valid_digitable_line(line)
    assert boleto.is_valid_barcode(bar)
    assert boleto.digitable_line_to_barcode(line) == bar
    assert boleto.barcode_to_digitable_line(bar) == _digits(line)
    assert boleto.format_digitable_line(_digits(line)) == line


def test_check_digit_helpers():
    assert boleto.mod11(BAR1[:4] + BAR1[5:]) == 5
    assert boleto.mod11(BAR2[:4] + BAR2[5:]) == 7
    assert boleto.mod10("104900553") == 9
    assert boleto.mod10("0369870000") == 6
    # mod 10 of a zero sum is 0, not 10
    assert boleto.mod10("0000") == 0


def test_mod11_maps_0_1_10_to_1():
    # weights from the right are 2,3,...: "1" -> 2 -> 11-2 = 9; "0" -> sum 0 -> 11 -> 1
    assert boleto.mod11("1") == 9
    assert boleto.mod11("0") == 1
    # "5" -> 10 -> 11-10 = 1; "1" weight 3 via "10" -> sum 3 -> 8
    assert boleto.mod11("5") == 1
    assert boleto.mod11("10") == 8
    # sum 1 -> 11-1 = 10 -> 1: need sum%11 == 1, e.g. "6" -> 12 -> 12%11 = 1
    assert boleto.mod11("6") == 1


def test_negative_vector_fails_on_general_dv():
    with pytest.raises(boleto.InvalidBoleto) as exc:
        boleto.validate_digitable_line(BAD_GENERAL_DV)
    assert isinstance(exc.value, ValueError)
    assert "dígito verificador geral" in exc.value.detail
    assert exc.value.field == "digitable_line"
    assert not boleto.is_valid_digitable_line(BAD_GENERAL_DV)


def test_every_single_digit_change_of_the_line_fails():
    digits = _digits(LINE1)
    for i in range(47):
        for d in "0123456789":
            if d == digits[i]:
                continue
            tampered = digits[:i] + d + digits[i + 1:]
            assert not boleto.is_valid_digitable_line(tampered), (i, d)


def test_every_single_digit_change_of_the_barcode_fails():
    for i in range(44):
        for d in "0123456789":
            if d == BAR2[i]:
                continue
            assert not boleto.is_valid_barcode(BAR2[:i] + d + BAR2[i + 1:]), (i, d)


def test_field_dv_error_names_the_field():
    digits = _digits(LINE1)
    tampered = digits[:12] + ("0" if digits[12] != "0" else "1") + digits[13:]  # inside field 2
    with pytest.raises(boleto.InvalidBoleto, match="campo 2"):
        boleto.validate_digitable_line(tampered)


@pytest.mark.parametrize(("text", "fragment"), [
    ("", "Informe"),
    ("1049.0055A", "apenas números"),
    ("1" * 46, "47 dígitos"),
    ("8" * 48, "consumo"),
])
def test_malformed_lines(text, fragment):
    with pytest.raises(boleto.InvalidBoleto, match=fragment):
        boleto.validate_digitable_line(text)


def test_barcode_wrong_length_and_currency():
    with pytest.raises(boleto.InvalidBoleto, match="44 dígitos"):
        boleto.validate_barcode(BAR1[:-1])
    # currency 0 with a recomputed DV: still refused for the currency
    body = BAR1[:3] + "0" + BAR1[5:]
    code = body[:4] + str(boleto.mod11(body)) + body[4:]
    with pytest.raises(boleto.InvalidBoleto, match="moeda"):
        boleto.validate_barcode(code)


def test_format_refuses_an_invalid_line():
    with pytest.raises(boleto.InvalidBoleto):
        boleto.format_digitable_line(BAD_GENERAL_DV)


def test_due_date_first_cycle_and_rollover():
    # 1000 days after 1997-10-07 is 2000-07-03; 9999 is 2025-02-21; then 1000 again on 2025-02-22
    assert boleto.due_date(1000, reference=date(2001, 1, 1)) == date(2000, 7, 3)
    assert boleto.due_date(9999, reference=date(2025, 2, 1)) == date(2025, 2, 21)
    assert boleto.due_date(1000, reference=date(2025, 2, 1)) == date(2025, 2, 22)
    assert boleto.due_date(1001, reference=date(2025, 3, 1)) == date(2025, 2, 23)
    assert boleto.due_date(0, reference=date(2025, 3, 1)) is None


def test_due_date_of_vectors_depends_on_reference():
    # factor 5549: 1997-10-07 + 5549 days = 2012-12-16 (first cycle) or + 9000 more = 2037-08-07
    assert boleto.due_date(5549, reference=date(2012, 12, 1)) == date(2012, 12, 16)
    assert boleto.due_date(5549, reference=date(2037, 1, 1)) == date(2037, 8, 7)


def test_due_date_invalid_factor():
    with pytest.raises(boleto.InvalidBoleto, match="Fator"):
        boleto.due_date(999, reference=date(2025, 1, 1))


def test_due_factor_round_trip_across_rollover():
    for day in (date(2000, 7, 3), date(2025, 2, 21), date(2025, 2, 22), date(2026, 5, 10), date(2012, 12, 16)):
        assert boleto.due_date(boleto.due_factor(day), reference=day) == day
    assert boleto.due_factor(date(2025, 2, 22)) == 1000
    assert boleto.due_factor(date(2025, 2, 21)) == 9999


def test_parse_line_and_barcode_agree():
    from_line = boleto.parse(LINE1, reference=date(2012, 12, 1))
    from_bar = boleto.parse(BAR1, reference=date(2012, 12, 1))
    assert from_line == from_bar
    assert from_line.bank_code == "104"
    assert from_line.currency == "9"
    assert from_line.factor == 5549
    assert from_line.due_date == date(2012, 12, 16)
    assert from_line.amount_cents == 28531  # R$ 285,31
    assert from_line.free_field == BAR1[19:]


def test_parse_second_vector_amount():
    info = boleto.parse(LINE2, reference=date(2012, 11, 1))
    assert info.bank_code == "341"
    assert info.amount_cents == 500000  # R$ 5.000,00
    assert info.due_date == date(2012, 11, 7)  # 1997-10-07 + 5510 days
