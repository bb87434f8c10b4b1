"""Numbers, money and dates written out in Brazilian Portuguese, as contracts and receipts print them.

num2words spells each group of three digits; the groups are joined here because its pt_BR output
puts commas between them ("mil, duzentos e trinta e quatro"), which written Portuguese does not.
Rule: "e" comes before a group below one hundred or of round hundreds ("mil e cem", "um milhão e
duzentos mil", "dez milhões e mil e trinta"); a space separates the others ("mil duzentos e trinta").
"""

from __future__ import annotations

from datetime import date

_SCALES = ((None, None), ("mil", "mil"), ("milhão", "milhões"), ("bilhão", "bilhões"), ("trilhão", "trilhões"))
MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
          "novembro", "dezembro")


def _group(value: int) -> str:
    from num2words import num2words

    return num2words(value, lang="pt_BR")  # 1..999: "cento e um", "duzentos e trinta e quatro"


def number(value: int) -> str:
    """1234 -> "mil duzentos e trinta e quatro"."""
    if value < 0:
        return f"menos {number(-value)}"
    if value == 0:
        return "zero"
    if value >= 1000 ** len(_SCALES):
        raise ValueError("número grande demais para escrever por extenso")
    groups, scale = [], 0
    while value:
        value, group = divmod(value, 1000)
        if group:
            groups.append((group, scale))
        scale += 1
    words = []
    for position, (group, scale) in enumerate(reversed(groups)):
        if scale == 1:
            text = "mil" if group == 1 else f"{_group(group)} mil"
        elif scale > 1:
            text = f"{_group(group)} {_SCALES[scale][0] if group == 1 else _SCALES[scale][1]}"
        else:
            text = _group(group)
        if position and (group < 100 or group % 100 == 0):
            words.append("e")
        words.append(text)
    return " ".join(w for w in words if w)


def money(cents: int) -> str:
    """123456 -> "mil duzentos e trinta e quatro reais e cinquenta e seis centavos"."""
    if cents < 0:
        return f"menos {money(-cents)}"
    reais, centavos = divmod(cents, 100)
    parts = []
    if reais:
        unit = "real" if reais == 1 else "de reais" if reais % 1_000_000 == 0 else "reais"
        parts.append(f"{number(reais)} {unit}")
    if centavos:
        parts.append(f"{number(centavos)} {'centavo' if centavos == 1 else 'centavos'}")
    return " e ".join(parts) or "zero reais"


def long_date(value: date) -> str:
    """date(2026, 12, 1) -> "1 de dezembro de 2026"."""
    return f"{value.day} de {MONTHS[value.month - 1]} de {value.year}"
