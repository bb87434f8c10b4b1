"""Made-up people for tests: valid CPFs and distinct phone numbers."""

from __future__ import annotations

import itertools
import random

_phones = itertools.count(1)


def new_cpf() -> str:
    """A random CPF (digits) with valid check digits."""
    digits = [random.randint(0, 9) for _ in range(9)]
    for weight in (10, 11):
        rest = sum(d * (weight - i) for i, d in enumerate(digits)) * 10 % 11
        digits.append(0 if rest == 10 else rest)
    return "".join(map(str, digits))


def masked_cpf(digits: str) -> str:
    return f"{digits[:3]}.{digits[3:6]}.{digits[6:9]}-{digits[9:]}"


def new_mobile() -> str:
    """A distinct São Paulo mobile number per call, as people type it."""
    n = next(_phones) + random.randint(0, 10_000) * 1000
    return f"(11) 9{n % 100_000_000:08d}"
