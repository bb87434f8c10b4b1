"""Boleto bancário (cobrança): barcode (44 digits) and linha digitável (47 digits).

Barcode: bank (3) | currency 9 (1) | general DV (1) | due-date factor (4) | amount in centavos (10) |
campo livre (25). The general DV is mod 11 over the other 43 digits, weights 2..9 from the right,
DV = 11 - sum % 11, and 0, 1, 10 or 11 become 1.

Linha digitável: field 1 = bank + currency + campo livre[0:5] + DV; field 2 = campo livre[5:15] + DV;
field 3 = campo livre[15:25] + DV (each DV mod 10, weights 2,1,2,... from the right, digit sums);
field 4 = the general DV; field 5 = factor + amount.

Due-date factor: days since 1997-10-07; after 9999 (2025-02-21) it restarted at 1000 on 2025-02-22,
so a factor names one date every 9000 days and needs a reference date to be read (see due_date()).
Factor 0000 means "no due date". Amount 0 means "amount chosen by the payer".

Convênio/arrecadação codes (48-digit lines starting with 8) are not boletos de cobrança and are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from shared.charges import ChargeInputError

FACTOR_BASE = date(1997, 10, 7)
FACTOR_CYCLE_DAYS = 9000  # factors 1000..9999; 1000 again on 2025-02-22 (= base + 10000 days)
_SEPARATORS = " .-\t\n"


class InvalidBoleto(ChargeInputError):
    """The text is not a valid boleto barcode / linha digitável."""


@dataclass(frozen=True)
class BoletoInfo:
    barcode: str  # 44 digits
    digitable_line: str  # 47 digits, no separators (see format_digitable_line())
    bank_code: str
    currency: str
    factor: int  # 0 = no due date
    due_date: date | None
    amount_cents: int  # 0 = amount chosen by the payer
    free_field: str  # campo livre, 25 digits


def _digits(text: str, field: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InvalidBoleto("Informe o código do boleto.", field=field)
    cleaned = "".join(ch for ch in text if ch not in _SEPARATORS)
    if not (cleaned.isdigit() and cleaned.isascii()):
        raise InvalidBoleto("Código do boleto inválido: use apenas números (pontos e espaços são ignorados).",
                            field=field)
    return cleaned


def mod10(digits: str) -> int:
    """Mod-10 check digit of a linha digitável field (weights 2,1,2,... from the right)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def mod11(digits: str) -> int:
    """General check digit of the barcode over its 43 other digits (weights 2..9 from the right)."""
    total = sum(int(ch) * (2 + i % 8) for i, ch in enumerate(reversed(digits)))
    dv = 11 - total % 11
    return 1 if dv in (0, 1, 10, 11) else dv


def _check_barcode(code: str, field: str, *, from_line: bool = False) -> str:
    what = "Linha digitável inválida" if from_line else "Código de barras inválido"
    if len(code) != 44:
        raise InvalidBoleto(f"Código de barras inválido: deve ter 44 dígitos (tem {len(code)}).", field=field)
    if code[0] == "8":
        raise InvalidBoleto("Código de barras de conta de consumo/tributo (arrecadação) não é boleto de cobrança.",
                            field=field)
    if code[3] != "9":
        raise InvalidBoleto(f"{what}: a moeda (4º dígito) deve ser 9 (real).", field=field)
    if int(code[4]) != mod11(code[:4] + code[5:]):
        where = "campo 4" if from_line else "5º dígito"
        raise InvalidBoleto(f"{what}: o dígito verificador geral ({where}) não confere.", field=field)
    return code


def validate_barcode(barcode: str) -> str:
    """The 44-digit barcode (separators removed) if valid; else InvalidBoleto (field "barcode")."""
    return _check_barcode(_digits(barcode, "barcode"), "barcode")


def validate_digitable_line(line: str) -> str:
    """The 47-digit linha digitável (separators removed) if its three field DVs and the general DV are
    right; else InvalidBoleto (field "digitable_line")."""
    field = "digitable_line"
    code = _digits(line, field)
    if len(code) == 48:
        raise InvalidBoleto("Linha digitável de 48 dígitos é de conta de consumo/tributo, não de boleto de "
                            "cobrança.", field=field)
    if len(code) != 47:
        raise InvalidBoleto(f"Linha digitável inválida: deve ter 47 dígitos (tem {len(code)}).", field=field)
    for number, (start, end) in enumerate(((0, 9), (10, 20), (21, 31)), start=1):
        if int(code[end]) != mod10(code[start:end]):
            raise InvalidBoleto(f"Linha digitável inválida: o dígito verificador do campo {number} não confere.",
                                field=field)
    _check_barcode(_line_to_barcode(code), field, from_line=True)
    return code


def is_valid_barcode(barcode: str) -> bool:
    try:
        validate_barcode(barcode)
    except InvalidBoleto:
        return False
    return True


def is_valid_digitable_line(line: str) -> bool:
    try:
        validate_digitable_line(line)
    except InvalidBoleto:
        return False
    return True


def _line_to_barcode(line: str) -> str:
    return line[0:4] + line[32] + line[33:47] + line[4:9] + line[10:20] + line[21:31]


def digitable_line_to_barcode(line: str) -> str:
    """47-digit linha digitável (validated) -> 44-digit barcode."""
    return _line_to_barcode(validate_digitable_line(line))


def barcode_to_digitable_line(barcode: str) -> str:
    """44-digit barcode (validated) -> 47-digit linha digitável without separators."""
    code = validate_barcode(barcode)
    free = code[19:44]
    f1 = code[0:4] + free[0:5]
    f2 = free[5:15]
    f3 = free[15:25]
    return f"{f1}{mod10(f1)}{f2}{mod10(f2)}{f3}{mod10(f3)}{code[4]}{code[5:19]}"


def format_digitable_line(line: str) -> str:
    """Validated line in display groups: "10490.05539 03698.700006 00091.449587 5 55490000028531"."""
    c = validate_digitable_line(line)
    return f"{c[0:5]}.{c[5:10]} {c[10:15]}.{c[15:21]} {c[21:26]}.{c[26:32]} {c[32]} {c[33:47]}"


def due_date(factor: int, *, reference: date) -> date | None:
    """The due date a factor names, read in the 9000-day cycle nearest to `reference` (normally today).

    Factor 0 -> None (no due date). 1000..9999 -> 1997-10-07 + factor days + k × 9000 days, choosing k
    so the date falls closest to `reference` (ties go to the later date). Factor 1000 is 2000-07-03
    in the first cycle and 2025-02-22 in the second.
    """
    if factor == 0:
        return None
    if not 1000 <= factor <= 9999:
        raise InvalidBoleto(f"Fator de vencimento inválido: {factor} (deve estar entre 1000 e 9999).",
                            field="factor")
    first = FACTOR_BASE + timedelta(days=factor)
    cycles = round(((reference - first).days) / FACTOR_CYCLE_DAYS)
    ks = range(max(0, cycles - 1), max(0, cycles + 1) + 1)
    candidates = [first + timedelta(days=FACTOR_CYCLE_DAYS * k) for k in ks]
    return min(candidates, key=lambda d: (abs((d - reference).days), -d.toordinal()))


def due_factor(day: date) -> int:
    """The factor printed for a due date (inverse of due_date()); dates before 2000-07-03 have none."""
    days = (day - FACTOR_BASE).days
    if days < 1000:
        raise InvalidBoleto("Data de vencimento anterior a 03/07/2000 não tem fator de vencimento.",
                            field="due_date")
    return (days - 1000) % FACTOR_CYCLE_DAYS + 1000


def parse(code: str, *, reference: date) -> BoletoInfo:
    """Read a barcode (44 digits) or linha digitável (47 digits), validated, with due date (read near
    `reference`, see due_date()) and amount."""
    digits = _digits(code, "digitable_line")
    if len(digits) == 44:
        barcode = validate_barcode(digits)
        line = barcode_to_digitable_line(barcode)
    else:
        line = validate_digitable_line(digits)
        barcode = _line_to_barcode(line)
    factor = int(barcode[5:9])
    return BoletoInfo(barcode=barcode, digitable_line=line, bank_code=barcode[0:3], currency=barcode[3],
                      factor=factor, due_date=due_date(factor, reference=reference),
                      amount_cents=int(barcode[9:19]), free_field=barcode[19:44])
