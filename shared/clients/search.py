"""Search terms: small items under one partition per company, queried by prefix.

Terms (sort keys `<term>#<client_id>`):
- `n:<full name>`  the display name, folded: prefix search and ordering by name;
- `w:<word>`       each word of first/last/trade/legal name, folded: "silva" finds "Maria da Silva";
- `x:<digits>`     CPF/CNPJ and phone numbers (national form, with and without DDD);
- `e:<e-mail>`.
Each term item carries the client's owner so own-scope searches filter without reading clients.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shared import keys
from shared.clients.models import ClientRecord
from shared.text import fold


def terms(client: ClientRecord) -> set[str]:
    if client.archived:
        return set()
    found = {f"n:{fold(client.display_name)[:100]}"}
    for name in (client.first_name, client.last_name, client.trade_name, client.legal_name):
        for word in fold(name or "").split():
            if len(word) >= 2:
                found.add(f"w:{word[:40]}")
    if client.document:
        found.add(f"x:{client.document.lower()}")
    for phone in (client.phone, client.whatsapp):
        if phone and phone.startswith("+55"):
            national = phone[3:]
            found |= {f"x:{national}", f"x:{national[2:]}"}
        elif phone:
            found.add(f"x:{phone.lstrip('+')}")
    if client.email:
        found.add(f"e:{client.email}")
    return found


def term_item(client: ClientRecord, term: str) -> dict:
    return {**keys.search_term(client.tenant_id, term, client.id), "client_id": client.id,
            "owner_id": client.owner_id, "entity": "search"}


@dataclass(frozen=True)
class SearchPlan:
    prefix: str  # the term prefix queried
    words: tuple[str, ...]  # further words every match must contain (name searches)


def plan(query: str) -> SearchPlan | None:
    q = fold(query)
    if not q:
        return None
    if "@" in q:
        return SearchPlan(f"e:{q}", ())
    compact = re.sub(r"[\s.\-/()+]", "", q)
    words_with_letters = " " in q and re.search(r"[a-z]", q)  # "loja 123 centro" is a name
    digits = sum(c.isdigit() for c in compact)
    if compact and not words_with_letters and re.fullmatch(r"[0-9a-z]*\d[0-9a-z]*", compact) and digits >= 3:
        if compact.startswith("55") and len(compact) in (12, 13):
            compact = compact[2:]  # typed with the country code
        return SearchPlan(f"x:{compact}", ())
    words = tuple(w for w in q.split() if w)
    return SearchPlan(f"w:{words[0]}", words[1:])


def matches_words(client: ClientRecord, words: tuple[str, ...]) -> bool:
    haystack = fold(" ".join(p for p in (client.first_name, client.last_name, client.trade_name,
                                          client.legal_name) if p)).split()
    return all(any(h.startswith(w) for h in haystack) for w in words)
