"""CPF and CNPJ: check digits, normalization and masks.

Since July 2026 the Receita Federal issues alphanumeric CNPJs (letters allowed in the first 12
positions, check digits still numeric, each character valued `ord(c) - 48`). The check is a few
lines of arithmetic, written here because the libraries we looked at do not handle that format yet.
"""

from __future__ import annotations

import re

_CPF_WEIGHTS = (list(range(10, 1, -1)), list(range(11, 1, -1)))
_CNPJ_WEIGHTS = ([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])


def clean(value: str) -> str:
    """Keeps letters and digits, upper-cased (masks, spaces and punctuation go)."""
    return re.sub(r"[^0-9A-Za-z]", "", value or "").upper()


def _digit(values: list[int], weights: list[int]) -> int:
    rest = sum(v * w for v, w in zip(values, weights, strict=True)) % 11
    return 0 if rest < 2 else 11 - rest


def is_valid_cpf(value: str) -> bool:
    cpf = clean(value)
    if not re.fullmatch(r"\d{11}", cpf) or cpf == cpf[0] * 11:
        return False
    digits = [int(c) for c in cpf]
    first, second = _cpf_digit(digits[:9], _CPF_WEIGHTS[0]), _cpf_digit(digits[:10], _CPF_WEIGHTS[1])
    return digits[9] == first and digits[10] == second


def _cpf_digit(values: list[int], weights: list[int]) -> int:
    rest = sum(v * w for v, w in zip(values, weights, strict=True)) * 10 % 11
    return 0 if rest == 10 else rest


def is_valid_cnpj(value: str) -> bool:
    cnpj = clean(value)
    if not re.fullmatch(r"[0-9A-Z]{12}\d{2}", cnpj) or cnpj == cnpj[0] * 14:
        return False
    values = [ord(c) - 48 for c in cnpj]
    first, second = _digit(values[:12], _CNPJ_WEIGHTS[0]), _digit(values[:13], _CNPJ_WEIGHTS[1])
    return values[12] == first and values[13] == second


def mask_cpf(value: str) -> str:
    c = clean(value)
    return f"{c[:3]}.{c[3:6]}.{c[6:9]}-{c[9:]}" if len(c) == 11 else value


def mask_cnpj(value: str) -> str:
    c = clean(value)
    return f"{c[:2]}.{c[2:5]}.{c[5:8]}/{c[8:12]}-{c[12:]}" if len(c) == 14 else value


def mask_document(value: str | None) -> str | None:
    if not value:
        return value
    return mask_cpf(value) if len(clean(value)) == 11 else mask_cnpj(value)
